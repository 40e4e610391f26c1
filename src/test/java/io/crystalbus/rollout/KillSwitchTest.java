package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.RunningBus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/**
 * The kill switch in the middle of a 20,000-message load: every accepted message is applied exactly once, and
 * no message sent after the flip takes the pilot path.
 */
class KillSwitchTest {
    private static final int MESSAGES = 20_000;
    private static final int CUSTOMERS = 200;

    @Test
    void theKillSwitchTakesEffectForTheNextMessageAndLosesNothing() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.queue.default.size", "30000",
                "crystal.rollout.balance.enabled", "true", "crystal.rollout.balance.percent", "50",
                "crystal.rollout.balance.pilot", "cbor", "crystal.rollout.balance.control", "json"))) {
            Map<String, String> groupByWager = new ConcurrentHashMap<>();
            AdviceWith.adviceWith(bus.context(), "channel-balance", route -> route.weaveAddLast().process(exchange ->
                    groupByWager.put(exchange.getMessage().getHeader(CrystalHeaders.MESSAGE_ID, String.class),
                            exchange.getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP, String.class))));
            String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
            Instant settledAt = Instant.parse("2026-11-27T12:00:00Z");
            try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == MESSAGES / 2) {
                        ManagementFactory.getPlatformMBeanServer().invoke(RolloutFlagsJmx.nameOf("balance"), "killSwitch", null, null);
                    }
                    WagerSettled wager = new WagerSettled(null, "W-ks-" + i, "C-ks-" + i % CUSTOMERS, "A-1", "USD", 100L, 300L,
                            Outcome.WIN, false, settledAt);
                    producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, Map.of(
                            CrystalHeaders.MESSAGE_ID, "wager:" + wager.wagerId(), CrystalHeaders.TYPE, "wager.settled",
                            CrystalHeaders.CORRELATION_ID, "wager:" + wager.wagerId(), CrystalHeaders.CREATED_AT, Clock.nowMicros()));
                }
            }
            SettlementService settlement = bus.bean("settlement", SettlementService.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> settlement.completedCount() >= MESSAGES);

            Ledger ledger = bus.bean("ledger", Ledger.class);
            for (int c = 0; c < CUSTOMERS; c++) {
                assertThat(ledger.balance("C-ks-" + c).orElseThrow().balance()).as("C-ks-" + c).isEqualTo(300L * MESSAGES / CUSTOMERS);
            }
            long pilotsBefore = 0;
            for (int i = 0; i < MESSAGES; i++) {
                String group = groupByWager.get("wager:W-ks-" + i + "/balance");
                assertThat(group).as("decision for message " + i).isNotNull();
                if (i >= MESSAGES / 2) {
                    assertThat(group).as("message " + i + " was sent after the kill switch").isEqualTo(RolloutDecider.CONTROL);
                } else if (group.equals(RolloutDecider.PILOT)) {
                    pilotsBefore++;
                }
            }
            // messages sent before the flip but decided after it take control too: the switch acts on the next decision
            assertThat(pilotsBefore).as("the pilot path was in use before the flip").isPositive();
            assertThat(settlement.completedCount()).isEqualTo(MESSAGES);
        }
    }
}
