package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow on the durable ledger: balances outlive a restart, and a wager sent again after it is not paid twice. */
class DurableLedgerTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void balancesOutliveARestartAndARepeatAfterItIsAppliedOnce(@TempDir Path data) throws Exception {
        Map<String, String> settings = Map.of("crystal.store", "jdbc", "crystal.data.dir", data.toString());
        try (RunningBus bus = RunningBus.start(settings)) {
            for (int i = 0; i < 10; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-d-" + i, "C-durable")).statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus)).isEqualTo(10 * 2500L));
        }
        try (RunningBus restarted = RunningBus.start(settings)) {
            assertThat(balanceOf(restarted)).isEqualTo(10 * 2500L);
            // the settlement's memory is new, the ledger's is not: the repeat reaches the ledger and changes nothing
            NotifyBuilder bothAtTheLedger = new NotifyBuilder(restarted.context()).fromRoute("balance").whenDone(2).create();
            assertThat(restarted.postJson("/api/v1/wagers/settled", Wagers.winJson("W-d-3", "C-durable")).statusCode()).isEqualTo(202);
            assertThat(restarted.postJson("/api/v1/wagers/settled", Wagers.winJson("W-d-10", "C-durable")).statusCode()).isEqualTo(202);
            assertThat(bothAtTheLedger.matches(20, TimeUnit.SECONDS)).as("the repeat and the new wager handled by the balance route").isTrue();
            assertThat(balanceOf(restarted)).isEqualTo(11 * 2500L);
        }
    }

    private long balanceOf(RunningBus bus) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/C-durable").body()).path("balance").asLong();
    }
}
