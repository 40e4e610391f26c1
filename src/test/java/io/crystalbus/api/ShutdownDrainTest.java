package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.RunningBus;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;

/** A stop while thousands of accepted messages wait in the inboxes drains them all before the context stops. */
class ShutdownDrainTest {
    private static final int WAGERS = 20_000;
    private static final int CUSTOMERS = 100;

    @Test
    void stoppingWithFullInboxesAppliesEveryAcceptedMessage() throws Exception {
        RunningBus bus = RunningBus.start(Map.of("crystal.queue.default.size", "50000", "crystal.queue.default.consumers", "1"));
        SettlementService settlement = bus.bean("settlement", SettlementService.class);
        Ledger ledger = bus.bean("ledger", Ledger.class);
        String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
        Instant settledAt = Instant.parse("2026-11-27T12:00:00Z");
        try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
            for (int i = 0; i < WAGERS; i++) {
                WagerSettled wager = new WagerSettled(null, "W-drain-" + i, "C-drain-" + i % CUSTOMERS, "A-1", "USD",
                        100L, 300L, Outcome.WIN, false, settledAt);
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, Map.of(
                        CrystalHeaders.MESSAGE_ID, "wager:" + wager.wagerId(),
                        CrystalHeaders.TYPE, "wager.settled",
                        CrystalHeaders.CORRELATION_ID, "wager:" + wager.wagerId(),
                        CrystalHeaders.CREATED_AT, Clock.nowMicros()));
            }
        }
        int queued = bus.context().getEndpoints().stream()
                .filter(SedaEndpoint.class::isInstance).mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize()).sum();
        assertThat(queued).as("messages still queued when the stop begins").isGreaterThan(1_000);

        bus.close();

        for (int c = 0; c < CUSTOMERS; c++) {
            assertThat(ledger.balance("C-drain-" + c).orElseThrow().balance()).as("C-drain-" + c).isEqualTo(300L * WAGERS / CUSTOMERS);
        }
        for (int i = 0; i < WAGERS; i++) {
            assertThat(settlement.tracker().status("W-drain-" + i)).get()
                    .extracting(SettlementStatus::state).isEqualTo(SettlementStatus.State.COMPLETED);
        }
    }
}
