package io.crystalbus.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.BatchSettings;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.message.DistributionPayout;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A distribution run leaves as batched, compressed payout files and a manifest a receiver can verify. */
class PayoutFilesTest {

    /** A run whose write failed is written again from its recorded payouts: the receiver gets the same bytes. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void aRunIsTheSameBytesEveryTimeItsFilesAreWritten(Compression compression) throws Exception {
        PayoutFiles files = new PayoutFiles(new BatchSettings("payouts", 2, 1 << 20, 5, "json", compression, 1, true),
                new Mappers(new CodecLimits(1 << 20, 32, 65_536, 10_000)));
        List<DistributionPayout> payouts = List.of(new DistributionPayout("run-1", "A-1", "2026-W48", "USD", 50, 1),
                new DistributionPayout("run-1", "A-2", "2026-W48", "EUR", 70, 2), new DistributionPayout("run-1", "A-3", "2026-W48", "USD", 9, 1));
        PayoutRun run = PayoutRun.of("run-1", "2026-W48",
                PayoutRun.State.WRITING, payouts);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            List<byte[]> first = written(files, context, run);
            Thread.sleep(1_100); // a format that stamped the time (gzip's header can) would now differ
            List<byte[]> again = written(files, context, run);
            assertThat(first).hasSize(3); // two payout files and the manifest
            for (int i = 0; i < first.size(); i++) {
                assertThat(again.get(i)).as("file " + i).isEqualTo(first.get(i));
            }
        }
    }

    private static List<byte[]> written(PayoutFiles files, CamelContext context, PayoutRun run) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(run);
        files.split(exchange);
        @SuppressWarnings("unchecked")
        List<Message> messages = exchange.getMessage().getBody(List.class);
        return messages.stream().map(m -> m.getBody(byte[].class)).toList();
    }

    @Test
    void aRunWritesCompressedPayoutFilesAndAManifestThatVerifiesThem() throws Exception {
        Path outbox = Path.of("target/test-data/payouts-" + UUID.randomUUID());
        try (RunningBus bus = RunningBus.start(Map.of("crystal.outbox.payouts", "file:" + outbox,
                "crystal.batch.payouts.max-size", "3", "crystal.batch.payouts.compression", "zstd"))) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int agent = 0; agent < 7; agent++) {
                bus.postJson("/api/v1/wagers/settled", Wagers.json("W-p-" + run + agent, "C-p-" + agent, "A-p-" + run + agent, 10_000 * (agent + 1), 0, "LOSS", false));
            }
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (int agent = 0; agent < 7; agent++) {
                    assertThat(bus.get("/api/v1/agents/A-p-" + run + agent + "/accruals").statusCode()).isEqualTo(200);
                }
            });
            String runId = json.readTree(bus.postJson("/api/v1/distributions/runs", "{\"period\":\"2026-W48\"}").body()).get("runId").asText();
            Path manifestFile = outbox.resolve("payouts-2026-W48-" + runId + ".manifest.json");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(manifestFile));

            PayoutManifest manifest = json.readValue(manifestFile.toFile(), PayoutManifest.class);
            assertThat(manifest.contentEncoding()).isEqualTo("zstd");
            assertThat(manifest.files()).hasSize((manifest.count() + 2) / 3);
            FrameReader reader = new FrameReader(bus.bean("mappers", Mappers.class), 1 << 20);
            Map<String, Long> totals = new TreeMap<>();
            int count = 0;
            for (PayoutManifest.FileEntry entry : manifest.files()) {
                byte[] bytes = Files.readAllBytes(outbox.resolve(entry.name()));
                assertThat(entry.name()).endsWith(".json.zst");
                assertThat(bytes).hasSize((int) entry.bytes());
                assertThat(PayoutFiles.sha256(bytes)).isEqualTo(entry.sha256());
                List<DistributionPayout> payouts = reader.readAll(new ByteArrayInputStream(bytes), WireFormat.JSON, Compression.ZSTD,
                        json.constructType(DistributionPayout.class));
                assertThat(payouts).hasSize(entry.count()).hasSizeLessThanOrEqualTo(3);
                Map<String, Long> fileTotals = new TreeMap<>();
                payouts.forEach(p -> fileTotals.merge(p.currency(), p.amount(), Long::sum));
                assertThat(fileTotals).isEqualTo(entry.totals());
                fileTotals.forEach((currency, amount) -> totals.merge(currency, amount, Long::sum));
                count += payouts.size();
            }
            assertThat(count).isEqualTo(manifest.count());
            assertThat(totals).isEqualTo(manifest.totals());
            // 5% commission of each agent's lost stake is among the payouts
            long ours = 0;
            for (int agent = 0; agent < 7; agent++) {
                ours += 500L * (agent + 1);
            }
            assertThat(manifest.totals().get("USD")).isGreaterThanOrEqualTo(ours);
        }
    }
}
