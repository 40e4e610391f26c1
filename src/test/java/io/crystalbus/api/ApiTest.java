package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.OneBusPerClass;
import io.crystalbus.support.Wagers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API end to end: accepted messages, idempotency, queries, and every bad-input class. */
class ApiTest extends OneBusPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private static String newCustomer() {
        return "C-api-" + IDS.incrementAndGet();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static long balanceOf(String customer) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/" + customer).statusCode() == 200);
        return json(bus.get("/api/v1/balances/" + customer)).get("balance").asLong();
    }

    /** After every bad request the bus still settles a good one. */
    @AfterEach
    void stillServes() throws Exception {
        String customer = newCustomer();
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-" + customer, customer)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balanceOf(customer)).isEqualTo(2500));
    }

    @Test
    void aJsonAndAYamlWinAreBothCredited() throws Exception {
        String customer = newCustomer();
        HttpResponse<String> first = bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-j-" + customer, customer));
        HttpResponse<String> second = bus.post("/api/v1/wagers/settled", "application/yaml", Wagers.winYaml("W-y-" + customer, customer));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json(first).get("messageIds").get(0).asText()).isEqualTo("wager.settled:W-j-" + customer);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balanceOf(customer)).isEqualTo(5000));
        JsonNode balance = json(bus.get("/api/v1/balances/" + customer));
        assertThat(balance.get("currency").asText()).isEqualTo("USD");
        assertThat(balance.get("freePlay").asLong()).isZero();
    }

    @Test
    void aRepeatedMessageIdIsAcceptedAgainButAppliedOnce() throws Exception {
        String customer = newCustomer();
        for (int i = 0; i < 3; i++) {
            // same wager id, so the same idempotency key, even in another format
            assertThat(bus.post("/api/v1/wagers/settled", "application/x-yaml", Wagers.winYaml("W-r-" + customer, customer)).statusCode())
                    .isEqualTo(202);
        }
        HttpRequest.Builder withHeader = HttpRequest.newBuilder(bus.uri("/api/v1/collections"))
                .header("Content-Type", "application/json").header("CrystalMessageId", "deposit-" + customer)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"collectionId":"K-%1$s","customerId":"%1$s","agentId":"A-7","currency":"USD","amount":700,"method":"CARD"}"""
                        .formatted(customer)));
        assertThat(bus.send(withHeader).statusCode()).isEqualTo(202);
        HttpResponse<String> repeat = bus.send(withHeader);
        assertThat(json(repeat).get("messageIds").get(0).asText()).isEqualTo("collection.received:deposit-" + customer);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balanceOf(customer)).isEqualTo(3200));
        bus.awaitIdle(); // the repeats handled too
        assertThat(balanceOf(customer)).isEqualTo(3200);
    }

    @Test
    void aSettlementReportsItsStatusAndTiming() throws Exception {
        String customer = newCustomer();
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-s-" + customer, customer, "A-9", 1000, 0, "LOSS", false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(bus.get("/api/v1/settlements/W-s-" + customer)).get("status").asText()).isEqualTo("COMPLETED"));
        JsonNode status = json(bus.get("/api/v1/settlements/W-s-" + customer));
        assertThat(status.get("durationMicros").asLong()).isPositive();
        assertThat(status.get("balanceDelta").asLong()).isZero();
        assertThat(bus.get("/api/v1/settlements/unknown").statusCode()).isEqualTo(404);
        assertThat(balanceOf(customer)).isZero();
    }

    @Test
    void freePlayGrantConsumeAndAFreePlayWin() throws Exception {
        String customer = newCustomer();
        String grant = """
                [{"messageId":"grant-%1$s","action":"GRANT","customerId":"%1$s","currency":"USD","amount":1000},
                 {"messageId":"consume-%1$s","action":"CONSUME","customerId":"%1$s","currency":"USD","amount":300}]""".formatted(customer);
        assertThat(bus.postJson("/api/v1/freeplay", grant).statusCode()).isEqualTo(202);
        // a free-play WIN credits payout - stake as cash; a PUSH gives the stake back as credit
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-fw-" + customer, customer, "A-7", 300, 1000, "WIN", true));
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-fp-" + customer, customer, "A-7", 200, 0, "PUSH", true));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode balance = json(bus.get("/api/v1/balances/" + customer));
            assertThat(balance.has("balance")).isTrue();
            assertThat(balance.get("balance").asLong()).isEqualTo(700);
            assertThat(balance.get("freePlay").asLong()).isEqualTo(900);
        });
    }

    @Test
    void aCallerCannotCompleteASettlementThroughFreePlay() throws Exception {
        HttpResponse<String> response = bus.postJson("/api/v1/freeplay",
                "{\"action\":\"GRANT\",\"customerId\":\"C-x\",\"currency\":\"USD\",\"amount\":1,\"wagerId\":\"W-1\",\"winnings\":5}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"wagerId\"").contains("\"field\":\"winnings\"");
    }

    @Test
    void aDistributionRunPaysTheAccruedCommission() throws Exception {
        String agent = "A-run-" + IDS.incrementAndGet();
        String customer = newCustomer();
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-d1-" + customer, customer, agent, 10_000, 0, "LOSS", false));
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-d2-" + customer, customer, agent, 2_000, 0, "LOSS", false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(bus.get("/api/v1/agents/" + agent + "/accruals")).get("accruals").get(0).get("accrued").asLong()).isEqualTo(600));
        HttpResponse<String> run = bus.postJson("/api/v1/distributions/runs", "{\"period\":\"2026-W48\"}");
        assertThat(run.statusCode()).isEqualTo(202);
        String runId = json(run).get("runId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(bus.get("/api/v1/distributions/runs/" + runId)).get("state").asText()).isEqualTo("COMPLETED"));
        JsonNode accrual = json(bus.get("/api/v1/agents/" + agent + "/accruals")).get("accruals").get(0);
        assertThat(accrual.get("paid").asLong()).isEqualTo(600);
        JsonNode payouts = json(bus.get("/api/v1/distributions/runs/" + runId)).get("payouts");
        assertThat(payouts.findValuesAsText("agentId")).contains(agent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON        | application/json | {"wagerId": "W-1",                                      | 400 | is not valid JSON
            malformed YAML        | application/yaml | 'wagerId: "W-1\nstake: 5'                                 | 400 | is not valid YAML
            wrong type            | application/json | {"wagerId":"W-1","stake":"1000"}                          | 400 | "field":"stake"
            missing field         | application/json | {"wagerId":"W-1","customerId":"C-1","agentId":"A-1","currency":"USD","stake":1,"payout":1,"outcome":"WIN"} | 400 | "field":"settledAt","message":"is required"
            negative amount       | application/json | {"wagerId":"W-1","customerId":"C-1","agentId":"A-1","currency":"USD","stake":-5,"payout":1,"outcome":"LOSS","settledAt":"2026-11-27T12:00:00Z"} | 400 | "field":"stake","value":"-5","message":"must be between 0 and
            overflowing amount    | application/json | {"stake":92233720368547758070}                            | 400 | out of range
            unknown outcome       | application/json | {"outcome":"DRAW"}                                        | 400 | must be one of WIN, LOSS, PUSH, VOID
            empty list            | application/json | []                                                        | 400 | must hold at least one message
            empty body            | application/json | ''                                                        | 400 | must hold one message
            unknown content type  | text/plain       | hello                                                     | 415 | is not supported
            """)
    void badInputGetsItsDocumentedAnswerAndADeadLetter(String name, String contentType, String body, int status, String message) throws Exception {
        long deadLettersBefore = json(bus.get("/api/v1/dead-letters")).get("total").asLong();
        HttpResponse<String> response = bus.post("/api/v1/wagers/settled", contentType, body.replace("\\n", "\n"));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(json(bus.get("/api/v1/dead-letters")).get("total").asLong()).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void aYamlAliasBombIsRefused() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8)).append("*").append((char) (c - 1)).append("]\n");
        }
        HttpResponse<String> response = bus.post("/api/v1/wagers/settled", "application/yaml", bomb.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("alias");
    }

    @Test
    void anOversizedBodyIsRefusedWith413AndADeadLetter() throws Exception {
        long before = json(bus.get("/api/v1/dead-letters")).get("total").asLong();
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> response = bus.post("/api/v1/wagers/settled", "application/json", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 4194304 bytes");
        JsonNode letters = json(bus.get("/api/v1/dead-letters"));
        assertThat(letters.get("total").asLong()).isEqualTo(before + 1);
        assertThat(letters.get("byReason").get("too-large").asLong()).isPositive();
    }

    @Test
    void aBadItemRejectsTheWholeListAndIsNamed() throws Exception {
        String customer = newCustomer();
        String list = "[" + Wagers.winJson("W-l1-" + customer, customer) + ","
                + Wagers.json("W-l2-" + customer, customer, "A-7", 1000, 2500, "DRAW", false) + "]";
        HttpResponse<String> response = bus.postJson("/api/v1/wagers/settled", list);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"[1].outcome\"");

        String invalidSecond = "[" + Wagers.winJson("W-l3-" + customer, customer) + ","
                + Wagers.json("W-l4-" + customer, customer, "A-7", -1, 2500, "WIN", false) + "]";
        assertThat(bus.postJson("/api/v1/wagers/settled", invalidSecond).body()).contains("\"field\":\"[1].stake\"");
        // a refused list never reaches an inbox: a wager sent after both is the customer's only payout
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-l5-" + customer, customer)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balanceOf(customer)).isEqualTo(2500));
        assertThat(bus.get("/api/v1/settlements/W-l1-" + customer).statusCode()).isEqualTo(404);
        assertThat(bus.get("/api/v1/settlements/W-l3-" + customer).statusCode()).isEqualTo(404);
    }

    @Test
    void deadLettersAreListedWithReasons() throws Exception {
        bus.postJson("/api/v1/wagers/settled", "{\"outcome\":\"DRAW\"}");
        JsonNode listing = json(bus.get("/api/v1/dead-letters?limit=5"));
        assertThat(listing.get("deadLetters").size()).isBetween(1, 5);
        assertThat(listing.get("byReason").get("invalid").asLong()).isPositive();
        JsonNode newest = listing.get("deadLetters").get(0);
        assertThat(newest.get("stage").asText()).isEqualTo("ingress:api-wagers-settled");
        assertThat(newest.get("error").asText()).contains("outcome");
    }
}
