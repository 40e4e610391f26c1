package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures inside a domain: transient ones are redelivered, permanent ones are dead-lettered at once. A domain
 * route retries the whole message, whichever of the routes it calls failed; what follows a committed balance
 * change is retried on its own.
 */
class DomainErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final AtomicInteger CHANNEL_FAILURES_LEFT = new AtomicInteger();
    private static final AtomicInteger ANNOUNCE_FAILURES_LEFT = new AtomicInteger();
    private static final AtomicInteger ANNOUNCE_ATTEMPTS = new AtomicInteger();
    private static final String ANNOUNCED = "mock:settlements-announced";
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(Map.of("crystal.redelivery.maximum", "3", "crystal.outbox.settlements", ANNOUNCED));
        // the balance handler fails while FAILURES_LEFT > 0, for customers named C-flaky-*
        AdviceWith.adviceWith(bus.context(), "balance", route -> route.weaveAddFirst().process(exchange -> {
            BalanceAdjust adjust = exchange.getMessage().getBody(BalanceAdjust.class);
            if (adjust != null && adjust.customerId().startsWith("C-flaky")) {
                ATTEMPTS.incrementAndGet();
                if (FAILURES_LEFT.getAndDecrement() > 0) {
                    throw new IOException("simulated outage");
                }
            }
        }));
        // the settlement's balance change fails in the balance channel, after its commission went to distributions
        AdviceWith.adviceWith(bus.context(), "channel-balance", route -> route.weaveAddFirst().process(exchange -> {
            BalanceAdjust adjust = exchange.getMessage().getBody(BalanceAdjust.class);
            if (adjust != null && adjust.customerId().equals("C-flaky-split") && CHANNEL_FAILURES_LEFT.getAndDecrement() > 0) {
                throw new IOException("simulated channel outage");
            }
        }));
        // the announcement of a committed change fails: the balance is applied, the settlement not yet completed
        AdviceWith.adviceWith(bus.context(), "balance-changed", route -> route.weaveAddFirst().process(exchange -> {
            String messageId = exchange.getMessage().getHeader("CrystalMessageId", String.class);
            if (messageId != null && messageId.contains("W-flaky-tail")) {
                ANNOUNCE_ATTEMPTS.incrementAndGet();
                if (ANNOUNCE_FAILURES_LEFT.getAndDecrement() > 0) {
                    throw new IOException("simulated outbox outage");
                }
            }
        }));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode deadLetters() throws Exception {
        return JSON.readTree(bus.get("/api/v1/dead-letters").body());
    }

    @Test
    void aTransientFailureIsRedeliveredAndAppliedOnce() throws Exception {
        FAILURES_LEFT.set(2);
        ATTEMPTS.set(0);
        bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-flaky-1", "C-flaky-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/C-flaky-1").statusCode() == 200);
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-flaky-1").body()).get("balance").asLong()).isEqualTo(2500);
        assertThat(ATTEMPTS).hasValue(3);
    }

    @Test
    void aPersistentFailureEndsInTheDeadLetterChannelAfterTheRedeliveries() throws Exception {
        FAILURES_LEFT.set(Integer.MAX_VALUE);
        ATTEMPTS.set(0);
        long before = deadLetters().get("byReason").path("failed").asLong();
        bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-flaky-2", "C-flaky-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().get("byReason").path("failed").asLong() == before + 1);
        assertThat(ATTEMPTS).hasValue(4); // the first delivery and three redeliveries
        JsonNode letter = deadLetters().get("deadLetters").get(0);
        assertThat(letter.get("stage").asText()).isEqualTo("balance");
        assertThat(letter.get("messageId").asText()).isEqualTo("wager.settled:W-flaky-2/balance");
        assertThat(letter.get("error").asText()).contains("simulated outage");
        assertThat(bus.get("/api/v1/balances/C-flaky-2").statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageThatCanNeverApplyIsDeadLetteredWithoutRetries() throws Exception {
        bus.postJson("/api/v1/collections", """
                {"collectionId":"K-1","customerId":"C-cur","agentId":"A-1","currency":"USD","amount":500,"method":"CARD"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/C-cur").statusCode() == 200);
        bus.postJson("/api/v1/collections", """
                {"collectionId":"K-2","customerId":"C-cur","agentId":"A-1","currency":"EUR","amount":500,"method":"CARD"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().get("byReason").path("currency-mismatch").asLong() == 1);
        JsonNode letter = deadLetters().get("deadLetters").get(0);
        assertThat(letter.get("stage").asText()).isEqualTo("balance");
        assertThat(letter.get("error").asText()).contains("holds USD");
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-cur").body()).get("balance").asLong()).isEqualTo(500);
    }

    @Test
    void aFailureInARouteTheDomainCallsRetriesTheWholeMessageAndAppliesEachFollowUpOnce() throws Exception {
        CHANNEL_FAILURES_LEFT.set(2);
        bus.postJson("/api/v1/wagers/settled", Wagers.json("W-flaky-split", "C-flaky-split", "A-flaky-split", 1000, 2500, "WIN", false));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/settlements/W-flaky-split").body().contains("COMPLETED"));
        bus.awaitIdle();
        assertThat(CHANNEL_FAILURES_LEFT.get()).isNegative(); // both failures happened, then the third attempt passed
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-flaky-split").body()).get("balance").asLong()).isEqualTo(2500);
        // settlement ran three times and sent the commission each time: distributions applied it once
        JsonNode accruals = JSON.readTree(bus.get("/api/v1/agents/A-flaky-split/accruals").body()).get("accruals").get(0);
        assertThat(accruals.get("accruals").asLong()).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheChangeIsCommittedIsRetriedOnItsOwnAndTheCompletionIsAnnounced() throws Exception {
        ANNOUNCE_FAILURES_LEFT.set(2);
        ANNOUNCE_ATTEMPTS.set(0);
        bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-flaky-tail", "C-flaky-tail"));
        // a retry of the whole message would find the change applied before and announce nothing
        MockEndpoint announced = bus.context().getEndpoint(ANNOUNCED, MockEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> announced.getExchanges().stream()
                .anyMatch(exchange -> exchange.getMessage().getHeader("CrystalMessageId", "", String.class).contains("W-flaky-tail")));
        assertThat(ANNOUNCE_ATTEMPTS).hasValue(3);
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-flaky-tail").body()).get("balance").asLong()).isEqualTo(2500);
    }
}
