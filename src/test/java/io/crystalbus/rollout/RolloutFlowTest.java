package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** Channels under rollout: pilot and control paths in different wire modes, consumed alike. */
class RolloutFlowTest {

    @Test
    void pilotAndControlModesSettleTheSameAndTheScrapeShowsBothModes() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of(
                "crystal.rollout.balance.enabled", "true", "crystal.rollout.balance.percent", "50",
                "crystal.rollout.balance.pilot", "cbor", "crystal.rollout.balance.control", "json",
                "crystal.rollout.distributions.enabled", "true", "crystal.rollout.distributions.percent", "100",
                "crystal.rollout.distributions.pilot", "yaml"))) {
            int customers = 40;
            for (int c = 0; c < customers; c++) {
                StringBuilder list = new StringBuilder("[");
                for (int w = 0; w < 5; w++) {
                    list.append(w == 0 ? "" : ",").append(Wagers.json("W-ro-" + c + "-" + w, "C-ro-" + c, "A-ro", 1000, 2500, "WIN", w == 4));
                }
                assertThat(bus.postJson("/api/v1/wagers/settled", list.append("]").toString()).statusCode()).isEqualTo(202);
            }
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int c = 0; c < customers; c++) {
                    var balance = bus.get("/api/v1/balances/C-ro-" + c);
                    assertThat(balance.statusCode()).isEqualTo(200);
                    // four cash WINs credit the payout, the free-play WIN its winnings
                    assertThat(json.readTree(balance.body()).get("balance").asLong()).isEqualTo(4 * 2500 + 1500);
                }
            });
            String scrape = bus.management("/observe/metrics").body();
            assertThat(scrape).contains("crystal_hop_duration_seconds_count{mode=\"cbor\",source=\"settlement\",target=\"balance\"}",
                    "crystal_hop_duration_seconds_count{mode=\"json\",source=\"settlement\",target=\"balance\"}",
                    "crystal_hop_duration_seconds_count{mode=\"yaml\",source=\"settlement\",target=\"distributions\"}");
            assertThat(json.readTree(bus.get("/api/v1/agents/A-ro/accruals").body()).get("accruals").get(0).get("accruals").asLong())
                    .isEqualTo(customers * 5);
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }

    @Test
    void aMessageInAnyModeThatIsAlreadyInFlightIsConsumed() throws Exception {
        try (RunningBus bus = RunningBus.start()) {
            Mappers mappers = bus.bean("mappers", Mappers.class);
            String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.balance}}");
            BalanceAdjust adjust = new BalanceAdjust("C-fly", "USD", 100, AdjustReason.COLLECTION, "K");
            try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
                int i = 0;
                for (WireFormat format : WireFormat.values()) {
                    producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, mappers.forFormat(format).writeValueAsBytes(adjust),
                            Map.of(CrystalHeaders.MESSAGE_ID, "fly-" + i++, CrystalHeaders.TYPE, "balance.adjust",
                                    CrystalHeaders.CONTENT_TYPE, format.contentType()));
                }
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, adjust,
                        Map.of(CrystalHeaders.MESSAGE_ID, "fly-object", CrystalHeaders.TYPE, "balance.adjust"));
            }
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(json.readTree(bus.get("/api/v1/balances/C-fly").body()).path("balance").asLong())
                            .isEqualTo(100L * (WireFormat.values().length + 1)));
        }
    }
}
