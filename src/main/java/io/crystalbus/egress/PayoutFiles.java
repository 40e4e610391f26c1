package io.crystalbus.egress;

import io.crystalbus.batch.BatchSettings;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameWriter;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.DistributionPayout;
import io.crystalbus.message.Envelope;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns a completed distribution run into the files that leave the system (bean {@code payoutFiles}): its
 * payouts in batches of {@code crystal.batch.payouts.max-size}, each encoded once and compressed, then a
 * JSON manifest with every file's count, totals and SHA-256, so the receiver can check it got all of them
 * intact. The route splits the list and sends each to {@code {{crystal.outbox.payouts}}}.
 */
public final class PayoutFiles {
    public static final String MANIFEST_TYPE = "distribution.manifest";
    private final BatchSettings settings;
    private final Mappers mappers;

    public PayoutFiles(BatchSettings settings, Mappers mappers) {
        if (settings.wireFormat() == null) {
            throw new IllegalArgumentException("crystal.batch.payouts.format must be json, yaml or cbor: payouts leave the JVM");
        }
        this.settings = settings;
        this.mappers = mappers;
    }

    /** The body, a completed {@link PayoutRun}, becomes the list of file messages, the manifest last. */
    public void split(Exchange exchange) throws IOException {
        PayoutRun run = Envelope.body(exchange.getMessage(), PayoutRun.class);
        WireFormat format = settings.wireFormat();
        Compression compression = settings.compression();
        String base = "payouts-" + run.period() + "-" + run.runId();
        String extension = "." + format.name().toLowerCase(Locale.ROOT) + compression.fileSuffix();

        List<Message> files = new ArrayList<>();
        List<PayoutManifest.FileEntry> entries = new ArrayList<>();
        List<DistributionPayout> payouts = run.payouts();
        for (int from = 0, part = 1; from < payouts.size(); from += settings.maxSize(), part++) {
            List<DistributionPayout> chunk = payouts.subList(from, Math.min(payouts.size(), from + settings.maxSize()));
            FrameWriter writer = new FrameWriter(mappers.forFormat(format), compression, 64 * 1024);
            chunk.forEach(writer::add);
            byte[] bytes = writer.finish();
            String name = String.format(Locale.ROOT, "%s-%04d%s", base, part, extension);
            entries.add(new PayoutManifest.FileEntry(name, chunk.size(), PayoutRun.totalsOf(chunk), bytes.length, sha256(bytes)));
            files.add(file(exchange, name, bytes, format.contentType(), compression, run.runId()));
        }
        PayoutManifest manifest = new PayoutManifest(run.runId(), run.period(), format.name().toLowerCase(Locale.ROOT),
                compression.contentEncoding(), payouts.size(), run.totals(), entries);
        Message manifestFile = file(exchange, base + ".manifest.json", mappers.json().writeValueAsBytes(manifest),
                WireFormat.JSON.contentType(), Compression.NONE, run.runId());
        manifestFile.setHeader(CrystalHeaders.TYPE, MANIFEST_TYPE);
        files.add(manifestFile);
        exchange.getMessage().setBody(files);
    }

    private static Message file(Exchange exchange, String name, byte[] bytes, String contentType, Compression compression, String runId) {
        Message file = new DefaultMessage(exchange.getContext());
        file.setHeader(Exchange.FILE_NAME, name);
        file.setHeader(CrystalHeaders.MESSAGE_ID, runId + "/" + name);
        file.setHeader(CrystalHeaders.TYPE, "distribution.payout");
        file.setHeader(CrystalHeaders.CONTENT_TYPE, contentType);
        if (compression != Compression.NONE) {
            file.setHeader(CrystalHeaders.CONTENT_ENCODING, compression.contentEncoding());
        }
        file.setBody(bytes);
        return file;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
