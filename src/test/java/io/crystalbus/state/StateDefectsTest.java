package io.crystalbus.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.OneBusPerClass;
import io.crystalbus.support.Wagers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The defects of issue 17 seen through the API, each written before its fix: ids that collide across message types,
 * ids not checked, a currency mismatch that half-settles a wager, and a retried free-play command.
 */
class StateDefectsTest extends OneBusPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String collection(String messageId, String collectionId, String customer, String currency, long amount) {
        return """
                {%s"collectionId":"%s","customerId":"%s","agentId":"A-7","currency":"%s","amount":%d,"method":"bank"}"""
                .formatted(messageId == null ? "" : "\"messageId\":\"" + messageId + "\",", collectionId, customer, currency, amount);
    }

    private static long balance(String customer) throws Exception {
        HttpResponse<String> response = bus.get("/api/v1/balances/" + customer);
        return response.statusCode() == 200 ? json(response).get("balance").asLong() : -1;
    }

    @Test
    void aClientIdOnOneMessageTypeNeverSuppressesAnotherTypesMessage() throws Exception {
        // the collection borrows the wager's id, in the form the bus used to give it and as the plain wager id
        assertThat(bus.postJson("/api/v1/collections", collection("wager:W-xt-1", "K-xt-1", "C-xt", "USD", 1)).statusCode()).isEqualTo(202);
        assertThat(bus.postJson("/api/v1/collections", collection("W-xt-2", "K-xt-2", "C-xt", "USD", 1)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance("C-xt") == 2);
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-xt-1", "C-xt")).statusCode()).isEqualTo(202);
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-xt-2", "C-xt")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance("C-xt") == 2 + 2 * 2500);
    }

    @Test
    void aHeaderIdThatBreaksTheRulesIsRefusedNamingTheRule() throws Exception {
        String longId = "x".repeat(400);
        HttpResponse<String> tooLong = bus.send(HttpRequest.newBuilder(bus.uri("/api/v1/collections"))
                .header("Content-Type", "application/json").header("CrystalMessageId", longId)
                .POST(HttpRequest.BodyPublishers.ofString(collection(null, "K-long", "C-long", "USD", 5))));
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"field\":\"CrystalMessageId header\"", "must be at most 128 characters");
        HttpResponse<String> badCharacters = bus.send(HttpRequest.newBuilder(bus.uri("/api/v1/wagers/settled"))
                .header("Content-Type", "application/json").header("CrystalMessageId", "a b\"c")
                .POST(HttpRequest.BodyPublishers.ofString(Wagers.winJson("W-badid", "C-badid"))));
        assertThat(badCharacters.statusCode()).isEqualTo(400);
        assertThat(badCharacters.body()).contains("must start with a letter or digit and contain only");
        assertThat(bus.get("/api/v1/balances/C-long").statusCode()).isEqualTo(404);
    }

    @Test
    void aWagerInAnotherCurrencyThanItsCustomerHoldsIsRefusedWhole() throws Exception {
        assertThat(bus.postJson("/api/v1/collections", collection(null, "K-cur", "C-cur", "USD", 100)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance("C-cur") == 100);
        String euros = Wagers.json("W-cur", "C-cur", "A-cur", 1000, 2500, "LOSS", false).replace("\"USD\"", "\"EUR\"");
        assertThat(bus.postJson("/api/v1/wagers/settled", euros).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/settlements/W-cur").statusCode() == 200
                && json(bus.get("/api/v1/settlements/W-cur")).get("status").asText().equals("REJECTED"));
        assertThat(json(bus.get("/api/v1/settlements/W-cur")).get("reason").asText()).contains("holds cash in USD", "EUR");
        // nothing of it applied: no commission for the agent (a LOSS would accrue one), the balance as it was
        assertThat(json(bus.get("/api/v1/agents/A-cur/accruals")).get("accruals")).isEmpty();
        assertThat(balance("C-cur")).isEqualTo(100);
        JsonNode letters = json(bus.get("/api/v1/dead-letters?limit=1000")).get("deadLetters");
        assertThat(letters.findValuesAsText("messageId")).contains("wager.settled:W-cur");
    }

    @Test
    void inAListOfWagersTheOneInAnotherCurrencyIsRefusedAloneAndWhole() throws Exception {
        assertThat(bus.postJson("/api/v1/collections", collection(null, "K-curl", "C-curl", "USD", 100)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance("C-curl") == 100);
        String euros = Wagers.json("W-curl-eur", "C-curl", "A-curl", 1000, 2500, "WIN", false).replace("\"USD\"", "\"EUR\"");
        String dollars = Wagers.json("W-curl-usd", "C-curl", "A-curl", 1000, 0, "LOSS", false);
        String freePlayEuros = Wagers.json("W-curl-fp", "C-curl", "A-curl", 100, 300, "WIN", true).replace("\"USD\"", "\"EUR\"");
        assertThat(bus.postJson("/api/v1/wagers/settled", "[" + euros + "," + dollars + "," + freePlayEuros + "]").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(bus.get("/api/v1/settlements/W-curl-usd")).path("status").asText().equals("COMPLETED"));
        assertThat(json(bus.get("/api/v1/settlements/W-curl-eur")).get("status").asText()).isEqualTo("REJECTED");
        // a free-play wager's winnings are cash: the cash account's currency refuses it too
        assertThat(json(bus.get("/api/v1/settlements/W-curl-fp")).get("status").asText()).isEqualTo("REJECTED");
        // only the dollar LOSS accrued (50); the WIN's negative commission did not
        assertThat(json(bus.get("/api/v1/agents/A-curl/accruals")).get("accruals").findValuesAsText("accrued")).containsExactly("50");
        assertThat(balance("C-curl")).isEqualTo(100);
    }

    @Test
    void aRetriedFreePlayGrantIsAppliedOnceAndOneWithoutAnIdIsRefused() throws Exception {
        String grant = "{\"messageId\":\"grant-retry-1\",\"action\":\"GRANT\",\"customerId\":\"C-fpr\",\"currency\":\"USD\",\"amount\":700}";
        assertThat(bus.postJson("/api/v1/freeplay", grant).statusCode()).isEqualTo(202);
        assertThat(bus.postJson("/api/v1/freeplay", grant).statusCode()).isEqualTo(202);
        String withoutId = "{\"action\":\"GRANT\",\"customerId\":\"C-fpr\",\"currency\":\"USD\",\"amount\":700}";
        HttpResponse<String> refused = bus.postJson("/api/v1/freeplay", withoutId);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"messageId\"", "is required for a free-play command");
        // one consumer keeps a customer's commands in order: once this consumption is applied, both grants were handled
        String consume = "{\"messageId\":\"consume-after-1\",\"action\":\"CONSUME\",\"customerId\":\"C-fpr\",\"currency\":\"USD\",\"amount\":1}";
        assertThat(bus.postJson("/api/v1/freeplay", consume).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/C-fpr").statusCode() == 200
                && json(bus.get("/api/v1/balances/C-fpr")).get("freePlay").asLong() == 699);
    }
}
