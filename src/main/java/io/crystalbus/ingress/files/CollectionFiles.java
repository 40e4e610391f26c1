package io.crystalbus.ingress.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.batch.Compression;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.Inbound;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.MessageIds;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.message.Violations;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The bulk collections drop (bean {@code collectionFiles}): a file of deposits and payments becomes a stream
 * of records, each validated like an API request and offered to the collections inbox, and a report per file
 * (accepted, rejected with line and reason). Each rejected record is a dead letter. A file that cannot be
 * read to its end fails after its report, so the file endpoint moves it to {@code failed/}; a repeat of a
 * file (fixed, or dropped twice) is applied once, as every record's message id is its collection id.
 */
public final class CollectionFiles {
    static final String REPORT = "CrystalFileReport";
    static final String STAGE = "collections-files";
    private static final String TYPE = MessageType.COLLECTION_RECEIVED.wireName();

    private final RecordReaders readers;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final long maxExpandedBytes;

    public CollectionFiles(RecordReaders readers, DeadLetters deadLetters, ObjectMapper json, long maxExpandedBytes) {
        this.readers = readers;
        this.deadLetters = deadLetters;
        this.json = json;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** The body, a dropped file, becomes an iterator over its records (for a streaming split). */
    public void open(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME_ONLY, message.getHeader(Exchange.FILE_NAME, String.class), String.class);
        FileFormat format = FileFormat.of(name);
        Compression compression = Compression.ofFileName(name);
        FileReport report = new FileReport(name, format == null ? null : format.name().toLowerCase(java.util.Locale.ROOT),
                compression.contentEncoding());
        exchange.setProperty(REPORT, report);
        if (format == null) {
            report.unreadable("file name must end in .json, .yaml, .yml, .ndjson, .jsonl or .csv, optionally followed by .gz, .zst or .lz4");
            message.setBody(Collections.emptyIterator());
            return;
        }
        InputStream file = message.getBody(InputStream.class);
        try {
            message.setBody(readers.open(compression.decompress(file, maxExpandedBytes), format, CollectionReceived.class, report));
        } catch (InvalidMessageException unreadable) {
            // not even its start can be read (false compression, a broken first record): reported like a break later on
            report.unreadable(unreadable.getMessage());
            message.setBody(Collections.emptyIterator());
        }
    }

    /** One record of the split: a valid one gets its envelope; a rejected one is reported and the body becomes null. */
    public void record(Exchange exchange) {
        Message message = exchange.getMessage();
        FileReport report = exchange.getProperty(REPORT, FileReport.class);
        FileRecord record = message.getBody(FileRecord.class);
        String error = record.error();
        if (error == null) {
            Violations violations = new Violations();
            ((Inbound) record.value()).validateRequest(violations);
            error = violations.isEmpty() ? null : new InvalidMessageException(violations.list()).getMessage();
        }
        if (error != null) {
            report.rejected(record.line(), error);
            deadLetters.reject(STAGE, TYPE, "invalid", report.getFile() + " line " + record.line() + ": " + error, null);
            // a fresh, empty message: a file message whose body is set to null reads its file again
            exchange.setMessage(new DefaultMessage(exchange.getContext()));
            return;
        }
        // a fresh message, so the file's headers stay behind
        CollectionReceived collection = (CollectionReceived) record.value();
        Message accepted = new DefaultMessage(exchange.getContext());
        String id = MessageIds.scoped(MessageType.COLLECTION_RECEIVED, collection.messageId() != null ? collection.messageId() : collection.naturalKey());
        Envelope.start(accepted, id, TYPE, Clock.nowMicros());
        accepted.setHeader(CrystalHeaders.SOURCE, STAGE);
        accepted.setBody(collection);
        exchange.setMessage(accepted);
        report.accepted();
    }

    /** The body becomes the file's report (JSON), named after the file. */
    public void report(Exchange exchange) throws IOException {
        FileReport report = exchange.getProperty(REPORT, FileReport.class);
        report.finish();
        Message message = exchange.getMessage();
        message.setHeader(Exchange.FILE_NAME, report.getFile() + ".report.json");
        message.setHeader(CrystalHeaders.CONTENT_TYPE, "application/json");
        message.setBody(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    }

    /** Fails the exchange of a file that could not be read to its end, so the file moves to failed/. */
    public void failIfUnreadable(Exchange exchange) {
        FileReport report = exchange.getProperty(REPORT, FileReport.class);
        if (!report.isComplete()) {
            deadLetters.reject(STAGE, TYPE, "unreadable-file", report.getFile() + ": " + report.getError(), null);
            throw new RejectedMessageException("unreadable-file", report.getFile() + " was read up to an error: " + report.getError());
        }
    }

    static String reasonOf(Exception e, String formatName) {
        return MessageReader.invalid(e, formatName).getMessage();
    }
}
