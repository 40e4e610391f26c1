package io.crystalbus.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Compression;
import io.crystalbus.support.JarProcess;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A 200,000-line compressed collections file dropped on the packaged bus running with a 96 MB heap: every
 * balance comes out exact, and the bus neither runs out of memory (it would exit) nor holds the file in
 * memory (the file alone expands to about 30 MB, and the heap also holds the ledger and idempotency ids).
 */
class CollectionsFileDropIT {
    private static final int LINES = 200_000;
    private static final int CUSTOMERS = 1_000;

    @Test
    void aLargeCompressedFileIsStreamedIntoExactBalancesInASmallHeap() throws Exception {
        Path data = Path.of("target/it-data/file-drop-" + UUID.randomUUID());
        Path drop = data.resolve("drop");
        Files.createDirectories(drop);
        Path staged = data.resolve("collections.ndjson.zst");
        long[] expected = new long[CUSTOMERS];
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Compression.ZSTD.compress(Files.newOutputStream(staged)), StandardCharsets.UTF_8))) {
            for (int line = 0; line < LINES; line++) {
                int customer = line % CUSTOMERS;
                long amount = 100 + (line * 7L) % 900;
                expected[customer] += amount;
                out.write("{\"collectionId\":\"K-big-" + line + "\",\"customerId\":\"C-big-" + customer
                        + "\",\"agentId\":\"A-big\",\"currency\":\"USD\",\"amount\":" + amount + ",\"method\":\"bank\"}\n");
            }
        }
        try (JarProcess bus = JarProcess.bus(data, "96m",
                "crystal.inbox.collections-files=file:" + drop.toAbsolutePath() + "?move=done&moveFailed=failed&readLockMinAge=500&delay=200",
                "crystal.outbox.collection-reports=file:" + data.toAbsolutePath().resolve("reports"))) {
            Files.move(staged, drop.resolve("collections.ndjson.zst"));
            Path report = data.resolve("reports/collections.ndjson.zst.report.json");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(bus.isAlive()).as("the bus is alive").isTrue();
                return Files.exists(report) && Files.size(report) > 0;
            });
            ObjectMapper json = new ObjectMapper();
            JsonNode result = json.readTree(report.toFile());
            assertThat(result.get("accepted").asLong()).isEqualTo(LINES);
            assertThat(result.get("rejected").asLong()).isZero();
            // The consumer moves the file to done/ when its exchange completes, which is after the report is written.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(drop.resolve("done/collections.ndjson.zst")));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (int customer = 0; customer < CUSTOMERS; customer++) {
                    assertThat(json.readTree(bus.get("/api/v1/balances/C-big-" + customer)).path("balance").asLong())
                            .as("balance of C-big-" + customer).isEqualTo(expected[customer]);
                }
            });
            assertThat(bus.isAlive()).isTrue();
            assertThat(bus.log()).doesNotContain("OutOfMemoryError");
        }
    }
}
