package io.crystalbus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settlements whose balance and commission channels run batched, by reference and as compressed frames. */
class BatchedFlowTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"object, none", "json, zstd", "cbor, lz4", "yaml, gzip"})
    void batchedChannelsSettleEveryWagerOnce(String format, String compression) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of(
                "crystal.rollout.balance.control", "batch", "crystal.rollout.distributions.control", "batch",
                "crystal.batch.default.format", format, "crystal.batch.default.compression", compression,
                "crystal.batch.default.max-size", "64"))) {
            int customers = 30;
            for (int c = 0; c < customers; c++) {
                StringBuilder list = new StringBuilder("[");
                for (int w = 0; w < 10; w++) {
                    list.append(w == 0 ? "" : ",").append(Wagers.json("W-b-" + c + "-" + w, "C-b-" + c, "A-b", 1000, 2500, "WIN", false));
                }
                assertThat(bus.postJson("/api/v1/wagers/settled", list.append("]").toString()).statusCode()).isEqualTo(202);
            }
            // a repeat of the first list changes nothing
            assertThat(bus.postJson("/api/v1/wagers/settled", "[" + Wagers.json("W-b-0-0", "C-b-0", "A-b", 1000, 2500, "WIN", false) + "]").statusCode()).isEqualTo(202);
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int c = 0; c < customers; c++) {
                    assertThat(json.readTree(bus.get("/api/v1/balances/C-b-" + c).body()).path("balance").asLong()).isEqualTo(10 * 2500);
                }
                assertThat(json.readTree(bus.get("/api/v1/agents/A-b/accruals").body()).get("accruals").get(0).get("accruals").asLong())
                        .isEqualTo(customers * 10);
            });
            String scrape = bus.management("/observe/metrics").body();
            assertThat(scrape).contains("crystal_batch_size_count{flow=\"balance\"}", "crystal_batch_size_count{flow=\"distributions\"}",
                    "crystal_hop_duration_seconds_count{mode=\"batch-" + ("object".equals(format) ? "object" : format) + "\",source=\"batch\",target=\"balance\"}");
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }
}
