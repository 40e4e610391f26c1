package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.RunningBus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * Settlements and their repeats arriving at the same moment, from eight threads through the whole flow: every
 * wager is applied once, no balance update is lost.
 */
class ConcurrentRepeatsTest {
    private static final int PAIRS = 4;
    private static final int WAGERS_PER_PAIR = 2_000;
    private static final int CUSTOMERS = 10;

    @Test
    void eightThreadsSendingEveryWagerTwiceAtOnceApplyEachWagerOnce() throws Exception {
        try (RunningBus bus = RunningBus.start()) {
            String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
            CyclicBarrier[] barriers = new CyclicBarrier[PAIRS];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2 * PAIRS; t++) {
                int pair = t / 2;
                if (barriers[pair] == null) {
                    barriers[pair] = new CyclicBarrier(2);
                }
                CyclicBarrier together = barriers[pair];
                threads.add(new Thread(() -> {
                    try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
                        for (int i = 0; i < WAGERS_PER_PAIR; i++) {
                            String wagerId = "W-cr-" + pair + "-" + i;
                            // both threads of the pair send wager i at the same moment
                            together.await();
                            producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly,
                                    new WagerSettled(null, wagerId, "C-cr-" + (i % CUSTOMERS), "A-cr", "USD", 1_000L, 2_500L, Outcome.WIN, false,
                                            Instant.parse("2026-11-27T12:00:00Z")),
                                    Map.of(CrystalHeaders.MESSAGE_ID, "wager:" + wagerId, CrystalHeaders.TYPE, "wager.settled",
                                            CrystalHeaders.CORRELATION_ID, "wager:" + wagerId));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            SettlementService settlement = bus.bean("settlement", SettlementService.class);
            int wagers = PAIRS * WAGERS_PER_PAIR;
            await().atMost(Duration.ofSeconds(30)).until(() -> settlement.completedCount() >= wagers);
            bus.awaitIdle(); // every repeat handled too
            assertThat(settlement.completedCount()).isEqualTo(wagers);
            ObjectMapper json = new ObjectMapper();
            for (int c = 0; c < CUSTOMERS; c++) {
                assertThat(json.readTree(bus.get("/api/v1/balances/C-cr-" + c).body()).path("balance").asLong())
                        .as("C-cr-%d", c).isEqualTo(2_500L * wagers / CUSTOMERS);
            }
            // the agent's commission: once per wager, -75 each (5% of the house's -1,500)
            var accrual = json.readTree(bus.get("/api/v1/agents/A-cr/accruals").body()).get("accruals").get(0);
            assertThat(accrual.get("accruals").asLong()).isEqualTo(wagers);
            assertThat(accrual.get("accrued").asLong()).isEqualTo(-75L * wagers);
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }
}
