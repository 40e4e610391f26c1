package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.deadletter.DeadLetter;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.RunningBus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/** A pilot path that fails for a share of its messages: the guardrail turns it off; the failures are dead letters. */
class GuardrailTest {

    @Test
    void aFailingPilotIsSwitchedOffAndItsFailedMessagesAreDeadLettersNotLost() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.rollout.balance.enabled", "true",
                "crystal.rollout.balance.percent", "50", "crystal.rollout.balance.pilot", "cbor",
                "crystal.rollout.balance.control", "json", "crystal.rollout.guardrail.min-samples", "50",
                "crystal.redelivery.maximum", "1"))) {
            Set<String> failed = ConcurrentHashMap.newKeySet();
            // the pilot path breaks one message in five (by id, so a redelivery fails again)
            AdviceWith.adviceWith(bus.context(), "balance", route -> route.weaveAddFirst().process(exchange -> {
                String id = exchange.getMessage().getHeader(CrystalHeaders.MESSAGE_ID, String.class);
                if (RolloutDecider.PILOT.equals(exchange.getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP)) && Math.floorMod(id.hashCode(), 5) == 0) {
                    failed.add(id);
                    throw new IOException("pilot decoder bug");
                }
            }));
            String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
            int wagers = 3_000;
            try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
                for (int i = 0; i < wagers; i++) {
                    WagerSettled wager = new WagerSettled(null, "W-gr-" + i, "C-gr-" + i % 300, "A-1", "USD", 100L, 300L,
                            Outcome.WIN, false, Instant.parse("2026-11-27T12:00:00Z"));
                    producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, Map.of(CrystalHeaders.MESSAGE_ID, "wager:" + wager.wagerId(),
                            CrystalHeaders.TYPE, "wager.settled", CrystalHeaders.CREATED_AT, Clock.nowMicros()));
                }
            }
            RolloutFlags flags = bus.bean("rolloutFlags", RolloutFlags.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !flags.get("balance").enabled());
            assertThat(flags.get("balance").trippedReason()).contains("pilot failure rate");

            SettlementService settlement = bus.bean("settlement", SettlementService.class);
            DeadLetters deadLetters = bus.bean("deadLetters", DeadLetters.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> settlement.completedCount() + deadLetters.total() == wagers);
            Set<String> dead = deadLetters.newest(10_000).stream().map(DeadLetter::messageId).collect(Collectors.toSet());
            assertThat(dead).isEqualTo(failed);
            assertThat(failed).isNotEmpty();
            assertThat(bus.management("/observe/metrics").body()).contains("crystal_rollout_guardrail_trips_total{flow=\"balance\"} 1.0");
        }
    }
}
