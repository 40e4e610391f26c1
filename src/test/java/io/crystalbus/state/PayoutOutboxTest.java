package io.crystalbus.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A distribution run pays through an outbox: its payouts and its accruals' paid state are recorded together, the
 * files are written after, and the run completes only when they are on disk. A write that fails leaves the run
 * retryable: the retry writes the same payouts (nothing paid twice, nothing paid that accrued after the first try).
 */
class PayoutOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunWhoseFilesFailedToWriteIsRetriedWithTheSamePayoutsAndCompletesOnceWritten() throws Exception {
        Path root = Files.createTempDirectory("crystal-outbox");
        // a file where the outbox directory should be: every write fails until it is gone
        Path blocked = Files.writeString(root.resolve("outbox"), "not a directory");
        Path outbox = blocked.resolve("payouts");
        try (RunningBus bus = RunningBus.start(Map.of("crystal.outbox.payouts",
                "file:" + outbox + "?tempFileName=${file:name}.part&forceWrites=true&fileExist=Override"))) {
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.json("W-out-1", "C-out", "A-out", 1000, 0, "LOSS", false)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> unpaid(bus, "A-out") == 50);

            String run = "{\"period\":\"2026-W48\",\"runId\":\"run-out-1\"}";
            assertThat(bus.postJson("/api/v1/distributions/runs", run).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> json(bus.get("/api/v1/dead-letters?limit=1000")).get("deadLetters")
                    .findValuesAsText("messageId").stream().anyMatch(id -> id.endsWith(":run-out-1")));
            JsonNode failed = json(bus.get("/api/v1/distributions/runs/run-out-1"));
            assertThat(failed.get("state").asText()).as("paid, its files not written").isEqualTo("WRITING");
            assertThat(unpaid(bus, "A-out")).isZero();

            // an accrual after the failed try belongs to the next run, not to this one's retry
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.json("W-out-2", "C-out", "A-out", 2000, 0, "LOSS", false)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> unpaid(bus, "A-out") == 100);

            Files.delete(blocked);
            assertThat(bus.postJson("/api/v1/distributions/runs", run).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> json(bus.get("/api/v1/distributions/runs/run-out-1")).get("state").asText().equals("COMPLETED"));
            JsonNode completed = json(bus.get("/api/v1/distributions/runs/run-out-1"));
            assertThat(completed.get("payouts").findValuesAsText("amount")).containsExactly("50");
            assertThat(unpaid(bus, "A-out")).isEqualTo(100);
            List<String> files = names(outbox);
            assertThat(files).containsExactly("payouts-2026-W48-run-out-1-0001.json.gz", "payouts-2026-W48-run-out-1.manifest.json");
            JsonNode manifest = JSON.readTree(outbox.resolve("payouts-2026-W48-run-out-1.manifest.json").toFile());
            assertThat(manifest.get("totals").get("USD").asLong()).isEqualTo(50);

            // the run is done: asked again, it writes nothing and pays nothing
            byte[] written = Files.readAllBytes(outbox.resolve(files.get(0)));
            assertThat(bus.postJson("/api/v1/distributions/runs", run).statusCode()).isEqualTo(202);
            assertThat(bus.postJson("/api/v1/distributions/runs", "{\"period\":\"2026-W48\",\"runId\":\"run-out-2\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> unpaid(bus, "A-out") == 0);
            assertThat(Files.readAllBytes(outbox.resolve(files.get(0)))).isEqualTo(written);
            assertThat(json(bus.get("/api/v1/distributions/runs/run-out-2")).get("payouts").findValuesAsText("amount")).containsExactly("100");
        }
    }

    private static List<String> names(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.contains("run-out-1")).sorted().toList();
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static long unpaid(RunningBus bus, String agent) throws Exception {
        long unpaid = 0;
        for (JsonNode accrual : json(bus.get("/api/v1/agents/" + agent + "/accruals")).get("accruals")) {
            unpaid += accrual.get("accrued").asLong() - accrual.get("paid").asLong();
        }
        return unpaid;
    }
}
