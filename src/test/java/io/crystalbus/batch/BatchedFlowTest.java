package io.crystalbus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.time.Duration;
import java.util.Map;
import io.crystalbus.codec.Mappers;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settlements whose balance and commission channels run batched, by reference and as compressed frames. */
class BatchedFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static long deadLetters(RunningBus bus) throws Exception {
        return JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong();
    }

    private static String newestDeadLetter(RunningBus bus) throws Exception {
        return JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("deadLetters").get(0).toString();
    }

    private static void sendBatch(RunningBus bus, Object body, Map<String, Object> headers) throws Exception {
        Map<String, Object> all = new HashMap<>(headers);
        all.putIfAbsent(CrystalHeaders.MESSAGE_ID, "test-batch-" + UUID.randomUUID());
        all.put(CrystalHeaders.TYPE, "balance.adjust");
        try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
            producer.sendBodyAndHeaders(bus.context().resolvePropertyPlaceholders("{{crystal.inbox.balance}}"), ExchangePattern.InOnly, body, all);
        }
    }

    private static BatchItem<BalanceAdjust> item(String id, String customer, String currency, long amount) {
        return new BatchItem<>(id, id, null, new BalanceAdjust(customer, currency, amount, AdjustReason.COLLECTION, id));
    }

    @Test
    void aBatchIsAppliedEachItemOnceAndAnItemThatCanNeverApplyIsADeadLetterOnItsOwn() throws Exception {
        try (RunningBus bus = RunningBus.start()) {
            long before = deadLetters(bus);
            String customer = "C-bi-" + UUID.randomUUID();
            List<BatchItem<?>> items = List.of(item("bi-1-" + customer, customer, "USD", 100), item("bi-2-" + customer, customer, "EUR", 7),
                    item("bi-3-" + customer, customer, "USD", 200));
            sendBatch(bus, new Batch(items), Map.of(CrystalHeaders.BATCH_SIZE, 3));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(JSON.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong()).isEqualTo(300);
                assertThat(deadLetters(bus)).isEqualTo(before + 1);
            });
            // the same items again, in another batch: nothing more is applied, and the EUR item is refused again
            sendBatch(bus, new Batch(items), Map.of(CrystalHeaders.BATCH_SIZE, 3));
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(bus) == before + 2);
            assertThat(JSON.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong()).isEqualTo(300);
            assertThat(newestDeadLetter(bus)).contains("currency-mismatch").contains("bi-2-" + customer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            corrupt zstd frame            | zstd | corrupt   | frame is not valid zstd
            gzip frame declared as lz4    | lz4  | gzip      | frame is not valid lz4
            unknown Content-Encoding      | br   | plain     | Content-Encoding (br): must be one of
            decompression bomb            | zstd | bomb      | expands past the limit of 1048576 bytes
            item count differs from header| none | plain-2   | says 5 messages but the batch holds 2
            """)
    void aBadFrameIsRefusedWholeAsADeadLetterAndTheBusGoesOn(String name, String encoding, String content, String error) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.codec.max-expanded-bytes", "1048576"))) {
            Mappers mappers = bus.bean("mappers", Mappers.class);
            String customer = "C-bad-" + UUID.randomUUID();
            List<BatchItem<BalanceAdjust>> items = List.of(item("bf-1-" + customer, customer, "USD", 100), item("bf-2-" + customer, customer, "USD", 5));
            byte[] frame = switch (content) {
                case "corrupt" -> {
                    byte[] bytes = frame(mappers, Compression.ZSTD, items);
                    for (int i = 4; i < bytes.length - 4; i++) {
                        bytes[i] ^= 0x21;
                    }
                    yield bytes;
                }
                case "gzip" -> frame(mappers, Compression.GZIP, items);
                case "bomb" -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    try (java.io.OutputStream zstd = Compression.ZSTD.compress(out)) {
                        // whitespace a parser reads on and on: only the expansion limit stops it
                        zstd.write('[');
                        byte[] blanks = new byte[1 << 20];
                        java.util.Arrays.fill(blanks, (byte) ' ');
                        for (int i = 0; i < 8; i++) {
                            zstd.write(blanks);
                        }
                    }
                    yield out.toByteArray();
                }
                default -> frame(mappers, Compression.NONE, items);
            };
            long before = deadLetters(bus);
            Map<String, Object> headers = new HashMap<>(Map.of(CrystalHeaders.CONTENT_TYPE, "application/json",
                    CrystalHeaders.BATCH_SIZE, content.equals("plain-2") ? 5 : 2));
            if (!encoding.equals("none")) {
                headers.put(CrystalHeaders.CONTENT_ENCODING, encoding);
            }
            sendBatch(bus, frame, headers);
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(bus) == before + 1);
            assertThat(newestDeadLetter(bus)).contains("\"reason\":\"invalid\"").contains(error);
            assertThat(bus.get("/api/v1/balances/" + customer).statusCode()).isEqualTo(404);
            // the bus goes on: a good batch right after is applied
            sendBatch(bus, frame(mappers, Compression.LZ4, items), Map.of(CrystalHeaders.CONTENT_TYPE, "application/json",
                    CrystalHeaders.CONTENT_ENCODING, "lz4", CrystalHeaders.BATCH_SIZE, 2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(JSON.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong()).isEqualTo(105));
        }
    }

    private static byte[] frame(Mappers mappers, Compression compression, List<BatchItem<BalanceAdjust>> items) {
        FrameWriter writer = new FrameWriter(mappers.json(), compression, 1024);
        items.forEach(writer::add);
        return writer.finish();
    }

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
            ObjectMapper json = JSON;
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

    private static BatchItem<WagerSettled> wager(String wagerId, String customer, long stake, long payout, Outcome outcome, boolean freePlay) {
        return new BatchItem<>("wager:" + wagerId, "wager:" + wagerId, null,
                new WagerSettled(null, wagerId, customer, "A-sb", "USD", stake, payout, outcome, freePlay, java.time.Instant.parse("2026-11-27T12:00:00Z")));
    }

    @ParameterizedTest(name = "channels {0}")
    @CsvSource({"object", "batch"})
    void aBatchOfSettledWagersSettlesEachOnceAndABrokenWagerIsADeadLetterAlone(String channels) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.rollout.balance.control", channels,
                "crystal.rollout.distributions.control", channels, "crystal.rollout.free-play.control", channels))) {
            long before = deadLetters(bus);
            int customers = 10;
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<BatchItem<?>> wagers = new java.util.ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String customer = "C-sb-" + run + "-" + c;
                wagers.add(wager("W-sb-" + run + "-" + c + "-win", customer, 1000, 2500, Outcome.WIN, false));
                // free play: the winnings (3000 - 1000) become cash through the free-play domain
                wagers.add(wager("W-sb-" + run + "-" + c + "-fp", customer, 1000, 3000, Outcome.WIN, true));
                wagers.add(wager("W-sb-" + run + "-" + c + "-loss", customer, 1000, 0, Outcome.LOSS, false));
                // breaks a rule (negative stake): a dead letter; the other wagers of the batch go on
                wagers.add(wager("W-sb-" + run + "-" + c + "-bad", customer, -5, 0, Outcome.LOSS, false));
            }
            Map<String, Object> headers = Map.of(CrystalHeaders.MESSAGE_ID, "wagers-" + run, CrystalHeaders.TYPE, "wager.settled",
                    CrystalHeaders.BATCH_SIZE, wagers.size());
            try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
                String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, new Batch(wagers), headers);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (int c = 0; c < customers; c++) {
                        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-sb-" + run + "-" + c).body()).path("balance").asLong()).isEqualTo(4500);
                    }
                    assertThat(deadLetters(bus)).isEqualTo(before + customers);
                    assertThat(JSON.readTree(bus.get("/api/v1/settlements/W-sb-" + run + "-3-fp").body()).path("status").asText()).isEqualTo("COMPLETED");
                });
                assertThat(newestDeadLetter(bus)).contains("-bad").contains("stake");
                // the same batch again: every wager's effects were applied before, so nothing changes
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, new Batch(wagers), headers);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(bus) == before + 2L * customers);
            for (int c = 0; c < customers; c++) {
                assertThat(JSON.readTree(bus.get("/api/v1/balances/C-sb-" + run + "-" + c).body()).path("balance").asLong()).isEqualTo(4500);
            }
        }
    }
}
