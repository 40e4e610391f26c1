package io.crystalbus.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Compression;
import io.crystalbus.support.RunningBus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bulk collections drop: every format and codec, line-exact rejections, unreadable files, repeats. */
class CollectionFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final Path DROP = Path.of("target/test-data/drop-" + UUID.randomUUID());
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(RunningBus.fileDrop(DROP));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static String record(String collectionId, String customer, Object amount) {
        return "{\"collectionId\":\"" + collectionId + "\",\"customerId\":\"" + customer + "\",\"agentId\":\"A-f\",\"currency\":\"USD\",\"amount\":"
                + amount + ",\"method\":\"bank\"}";
    }

    private static byte[] compress(String text, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = compression.compress(out)) {
            compressed.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Drops the file (written elsewhere, then moved in) and waits for its report. */
    private static JsonNode drop(String name, byte[] content) throws Exception {
        Files.createDirectories(DROP);
        Path staged = Files.createTempFile(DROP.getParent(), "staged", ".tmp");
        Files.write(staged, content);
        Files.move(staged, DROP.resolve(name));
        Path report = DROP.resolve("reports").resolve(name + ".report.json");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(report) && Files.size(report) > 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(DROP.resolve(name)));
        return JSON.readTree(report.toFile());
    }

    private static String unique(String prefix) {
        return prefix + "-" + FILES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static long balance(String customer) throws Exception {
        return JSON.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong();
    }

    @Test
    void anNdjsonGzipFileCreditsItsValidRecordsAndReportsTheOthersByLine() throws Exception {
        String customer = unique("C-nd");
        String file = String.join("\n",
                record(unique("K"), customer, 100),
                record(unique("K"), customer, 200),
                "{\"collectionId\": \"broken\",",
                "",
                record(unique("K"), customer, "\"300\""),
                "{\"collectionId\":\"K-missing\",\"currency\":\"USD\",\"amount\":5}",
                record(unique("K"), customer, 400)) + "\n";
        String name = unique("deposits") + ".ndjson.gz";
        long deadLettersBefore = JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong();
        JsonNode report = drop(name, compress(file, Compression.GZIP));
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("accepted").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").asLong()).isEqualTo(3);
        assertThat(report.get("rejections").findValuesAsText("line")).containsExactly("3", "5", "6");
        assertThat(report.get("rejections").get(1).get("reason").asText()).contains("amount").contains("whole number");
        assertThat(report.get("rejections").get(2).get("reason").asText()).contains("customerId").contains("required");
        assertThat(Files.exists(DROP.resolve("done").resolve(name))).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(customer)).isEqualTo(700));
        assertThat(JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isEqualTo(deadLettersBefore + 3);
    }

    @Test
    void aCsvZstdFileIsReadWithTypesCheckedPerCell() throws Exception {
        String customer = unique("C-csv");
        String csv = "collectionId,customerId,agentId,currency,amount,method\n"
                + unique("K") + "," + customer + ",A-f,USD,1500,card\n"
                + unique("K") + "," + customer + ",A-f,USD,12.5,card\n"
                + unique("K") + "," + customer + ",A-f,USD,abc,card\n"
                + "\"" + unique("K") + "\"," + customer + ",A-f,USD,500,\"bank-wire\"\n";
        JsonNode report = drop(unique("payments") + ".csv.zst", compress(csv, Compression.ZSTD));
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        assertThat(report.get("rejections").findValuesAsText("line")).containsExactly("3", "4");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(customer)).isEqualTo(2000));
    }

    @Test
    void aJsonListAndYamlDocumentsAreStreamedRecordByRecord() throws Exception {
        String customer = unique("C-lists");
        String json = "[\n" + record(unique("K"), customer, 10) + ",\n" + record(unique("K"), customer, 20) + "\n]";
        assertThat(drop(unique("list") + ".json.lz4", compress(json, Compression.LZ4)).get("accepted").asLong()).isEqualTo(2);
        String yaml = "collectionId: " + unique("K") + "\ncustomerId: " + customer + "\nagentId: A-f\ncurrency: USD\namount: 30\nmethod: cash\n---\n"
                + "collectionId: " + unique("K") + "\ncustomerId: " + customer + "\nagentId: A-f\ncurrency: USD\namount: 40\nmethod: cash\n";
        JsonNode report = drop(unique("docs") + ".yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(customer)).isEqualTo(100));
    }

    @Test
    void theSameFileDroppedTwiceIsAppliedOnce() throws Exception {
        String customer = unique("C-twice");
        String file = record(unique("K"), customer, 250) + "\n" + record(unique("K"), customer, 750) + "\n";
        drop(unique("first") + ".ndjson", file.getBytes(StandardCharsets.UTF_8));
        drop(unique("again") + ".ndjson", file.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(customer)).isEqualTo(1000));
        // both files' reports are written (drop waits for each), and what they sent on is handled
        bus.awaitIdle();
        assertThat(balance(customer)).isEqualTo(1000);
    }

    @Test
    void aCorruptCompressedFileIsReportedAndMovedToFailed() throws Exception {
        String customer = unique("C-corrupt");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            file.append(record(unique("K"), customer, 1)).append('\n');
        }
        byte[] gzip = compress(file.toString(), Compression.GZIP);
        for (int i = gzip.length / 2; i < gzip.length / 2 + 64; i++) {
            gzip[i] ^= 0x33;
        }
        String name = unique("corrupt") + ".ndjson.gz";
        JsonNode report = drop(name, gzip);
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).contains("gzip");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(DROP.resolve("failed").resolve(name)));
        assertThat(JSON.readTree(bus.get("/api/v1/dead-letters").body()).toString()).contains("unreadable-file");
    }

    @Test
    void aBrokenListKeepsTheRecordsBeforeTheBreakAndFailsTheFile() throws Exception {
        String customer = unique("C-broken");
        String json = "[" + record(unique("K"), customer, 5) + ", {\"collectionId\": ]";
        String name = unique("broken") + ".json";
        JsonNode report = drop(name, json.getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("accepted").asLong()).isEqualTo(1);
        assertThat(report.get("complete").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(DROP.resolve("failed").resolve(name)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(customer)).isEqualTo(5));
    }

    @Test
    void aFileOfAnUnknownFormatIsRefused() throws Exception {
        String name = unique("notes") + ".txt";
        JsonNode report = drop(name, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("error").asText()).contains("must end in .json");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(DROP.resolve("failed").resolve(name)));
    }

    @Test
    void aCompressedBombInAFileIsStoppedAtTheLimit() throws Exception {
        // a bus whose files may expand to 1 MB: 64 MB of blank lines compress to a few kB
        Path drop = Path.of("target/test-data/bomb-" + UUID.randomUUID());
        try (RunningBus small = RunningBus.start(Map.of(
                "crystal.inbox.collections-files", "file:" + drop + "?move=done&moveFailed=failed&readLockMinAge=100&delay=100",
                "crystal.outbox.collection-reports", "file:" + drop + "/reports",
                "crystal.collections-files.max-expanded-bytes", "1048576"))) {
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            try (OutputStream out = Compression.ZSTD.compress(bomb)) {
                byte[] blanks = new byte[1 << 20];
                java.util.Arrays.fill(blanks, (byte) '\n');
                for (int i = 0; i < 64; i++) {
                    out.write(blanks);
                }
            }
            Files.createDirectories(drop);
            Path staged = Files.createTempFile(drop.getParent(), "bomb", ".tmp");
            Files.write(staged, bomb.toByteArray());
            Files.move(staged, drop.resolve("bomb.ndjson.zst"));
            Path report = drop.resolve("reports/bomb.ndjson.zst.report.json");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(report) && Files.size(report) > 0);
            assertThat(JSON.readTree(report.toFile()).get("error").asText()).contains("expands past the limit of 1048576 bytes");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(drop.resolve("failed/bomb.ndjson.zst")));
        }
    }
}
