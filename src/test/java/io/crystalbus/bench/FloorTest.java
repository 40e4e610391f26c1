package io.crystalbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.bench.floor.CamelFloor;
import io.crystalbus.bench.floor.Floor;
import io.crystalbus.bench.floor.JavaFloor;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The floors the settlement flow is measured against make its hops: every wager sent (cash and free play, every
 * outcome) completes exactly once, with its latency recorded, and nothing fails.
 */
class FloorTest {
    private static final int WAGERS = 3_000;
    private static final Outcome[] OUTCOMES = Outcome.values();

    @Test
    void thePlainCamelFloorCompletesEveryWagerOnce() throws Exception {
        completesEveryWagerOnce(CamelFloor::new);
    }

    @Test
    void thePlainJavaFloorCompletesEveryWagerOnce() throws Exception {
        completesEveryWagerOnce(JavaFloor::new);
    }

    private interface FloorFactory {
        Floor create(Latencies latencies) throws Exception;
    }

    private static void completesEveryWagerOnce(FloorFactory factory) throws Exception {
        Latencies latencies = new Latencies();
        try (Floor floor = factory.create(latencies); FlowLoad.Sender sender = floor.newSender()) {
            Map<String, Object> headers = new HashMap<>();
            for (int i = 0; i < WAGERS; i++) {
                Outcome outcome = OUTCOMES[i % OUTCOMES.length];
                headers.put(CrystalHeaders.CREATED_AT, Clock.nowMicros());
                sender.send(new WagerSettled(null, "W-" + i, "C-" + i % 50, "A-1", "USD", 1_000L, outcome == Outcome.WIN ? 2_500L : 0L,
                        outcome, i % 3 == 0, Instant.parse("2026-11-27T12:00:00Z")), headers);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> floor.completed() >= WAGERS);
            Thread.sleep(200); // a wager completed twice would show after the last one: the wait is the subject
            assertThat(floor.completed()).isEqualTo(WAGERS);
            assertThat(floor.errors()).isZero();
            assertThat(latencies.settlementWindow().count()).isEqualTo(WAGERS);
        }
    }
}
