package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}) through every entry point: HTTP bodies
 * ({@code http-cases.psv}: status and answer), dropped collection files ({@code file-cases.psv}: records accepted
 * and rejected, the report) and batch frames put into an inbox ({@code frame-cases.psv}: the dead letter). Each
 * case gets its documented answer and its dead letters, never a stack trace; the bus serves a valid request after
 * the corpus.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final Path DROP = Path.of("target/test-data/corpus-drop-" + UUID.randomUUID());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    /** One case of the corpus: submits itself to the bus and checks the answer. */
    interface Case {
        void check() throws Exception;
    }

    record HttpCase(String file, String path, String contentType, int status, String message) implements Case {
        @Override
        public void check() throws Exception {
            long before = deadLetters();
            HttpResponse<String> response = bus.post(path, contentType, Files.readAllBytes(CORPUS.resolve(file)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
            // a refused message is a dead letter; an accepted one is not
            assertThat(deadLetters()).isEqualTo(status >= 400 ? before + 1 : before);
        }

        @Override
        public String toString() {
            return "http " + file;
        }
    }

    record FileCase(String file, long accepted, long rejected, String reportContains) implements Case {
        @Override
        public void check() throws Exception {
            long before = deadLetters();
            String name = UUID.randomUUID().toString().substring(0, 8) + "-" + Path.of(file).getFileName();
            Path staged = Files.createTempFile(DROP.getParent(), "staged", ".tmp");
            Files.copy(CORPUS.resolve(file), staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, DROP.resolve(name));
            Path reportFile = DROP.resolve("reports").resolve(name + ".report.json");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(reportFile) && Files.size(reportFile) > 0);
            String text = Files.readString(reportFile);
            JsonNode report = JSON.readTree(text);
            assertThat(report.path("accepted").asLong()).as(text).isEqualTo(accepted);
            assertThat(report.path("rejected").asLong()).as(text).isEqualTo(rejected);
            assertThat(text).contains(reportContains).doesNotContain("\tat ");
            long unreadable = report.path("error").isTextual() ? 1 : 0;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(before + rejected + unreadable));
        }

        @Override
        public String toString() {
            return "file " + file;
        }
    }

    record FrameCase(String file, String contentType, String contentEncoding, int declaredSize, String errorContains) implements Case {
        @Override
        public void check() throws Exception {
            long before = deadLetters();
            String id = "frame-" + UUID.randomUUID();
            bus.context().createProducerTemplate().send("{{crystal.inbox.balance}}", exchange -> {
                exchange.getMessage().setHeaders(Map.of(CrystalHeaders.MESSAGE_ID, id, CrystalHeaders.TYPE, "balance.adjust",
                        CrystalHeaders.BATCH_SIZE, declaredSize, CrystalHeaders.CONTENT_TYPE, contentType,
                        CrystalHeaders.CONTENT_ENCODING, contentEncoding));
                exchange.getMessage().setBody(Files.readAllBytes(CORPUS.resolve(file)));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters() == before + 1);
            JsonNode letter = JSON.readTree(bus.get("/api/v1/dead-letters?limit=1").body()).path("deadLetters").get(0);
            assertThat(letter.path("messageId").asText()).isEqualTo(id);
            assertThat(letter.path("reason").asText()).isEqualTo("invalid");
            assertThat(letter.path("error").asText()).contains(errorContains).doesNotContain("\tat ");
        }

        @Override
        public String toString() {
            return "frame " + file;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(DROP);
        bus = RunningBus.start(RunningBus.fileDrop(DROP));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    static Stream<Case> cases() throws IOException {
        Stream<Case> http = rows("http-cases.psv", 5).map(f -> new HttpCase(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
        Stream<Case> files = rows("file-cases.psv", 4).map(f -> new FileCase(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
        Stream<Case> frames = rows("frame-cases.psv", 5).map(f -> new FrameCase(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
        return Stream.of(http, files, frames).flatMap(s -> s);
    }

    private static Stream<String[]> rows(String table, int columns) throws IOException {
        return Files.readAllLines(CORPUS.resolve(table)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\s*\\|\\s*", columns));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseGetsItsDocumentedAnswer(Case badInput) throws Exception {
        badInput.check();
    }

    @Test
    void theBusServesAValidRequestAfterTheCorpus() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(80);
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-after-corpus", "C-after-corpus")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/C-after-corpus").statusCode() == 200);
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-after-corpus").body()).get("balance").asLong()).isEqualTo(2500);
    }

    private static long deadLetters() throws Exception {
        return JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong();
    }
}
