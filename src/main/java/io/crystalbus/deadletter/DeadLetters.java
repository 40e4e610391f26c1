package io.crystalbus.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.trace.FieldMask;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared dead-letter channel's store (bean {@code deadLetters}), on two shelves. <b>Failed</b>: messages that
 * entered the bus and failed in a domain; each is appended to its {@link DeadLetterJournal} with its whole message,
 * so it outlives a restart and can be replayed. <b>Refused</b>: input turned away at the door (4xx), which never
 * entered the bus and cannot be replayed; its own bounded index and journal, so no volume of bad requests evicts
 * or deletes a failed letter. Ids are unique across both. A letter's body is shown shortened and with the fields
 * of {@code crystal.trace.mask} masked; the journal keeps the whole message for replay.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_BODY_CHARS = 512;

    /** Which shelf: {@code failed} (replayable) or {@code refused} (turned away at the door). */
    public enum Kind {
        FAILED, REFUSED;

        public static Kind of(String name) {
            return Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final DeadLetterShelf failed;
    private final DeadLetterShelf refused;
    private final AtomicLong ids = new AtomicLong();
    private final BusMetrics metrics;
    private final ObjectMapper json;
    private final FieldMask mask;

    /** A shelf without a journal is in memory only: lost on restart, its letters not replayable. */
    public DeadLetters(Shelf failedShelf, Shelf refusedShelf, BusMetrics metrics, ObjectMapper json, FieldMask mask) {
        this.failed = new DeadLetterShelf(failedShelf.capacity(), failedShelf.journal());
        this.refused = new DeadLetterShelf(refusedShelf.capacity(), refusedShelf.journal());
        this.metrics = metrics;
        this.json = json;
        this.mask = mask;
        failed.restore(ids);
        refused.restore(ids);
        if (ids.get() > 0) {
            LOG.info("{} dead letters on disk ({} failed, {} refused at the door), the newest {} and {} listed",
                    total(), failed.total(), refused.total(), failed.listed(), refused.listed());
        }
    }

    /** A shelf's size in memory and its journal (null: memory only). */
    public record Shelf(int capacity, DeadLetterJournal journal) {
    }

    /** Records the failed exchange (called by the dead-letter route); a batch becomes a letter per message. */
    public void record(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        String replayRoute = replayRouteOf(exchange);
        Message message = exchange.getMessage();
        String type = message.getHeader(CrystalHeaders.TYPE, String.class);
        if (message.getBody() instanceof Batch batch) {
            for (BatchItem<?> item : batch.items()) {
                log(add(stage, item.messageId(), type, reasonOf(error), describe(error), item.message(), replayRoute, itemHeaders(message, item)));
            }
        } else {
            log(add(stage, message.getHeader(CrystalHeaders.MESSAGE_ID, String.class), type, reasonOf(error), describe(error),
                    message.getBody(), replayRoute, message.getHeaders()));
        }
    }

    /** Records an input rejected before it entered the bus (not replayable: it never got in). */
    public DeadLetter reject(String stage, String type, String reason, String error, Object body) {
        return add(stage, null, type, reason, error, body, null, null);
    }

    /** Records one message of a batch that its domain refused (the rest of the batch went on). */
    public DeadLetter rejectItem(String domain, String messageId, String type, RejectedMessageException error, Object body) {
        Map<String, Object> headers = Map.of(CrystalHeaders.MESSAGE_ID, messageId, CrystalHeaders.TYPE, type);
        DeadLetter letter = add(domain, messageId, type, error.reason(), error.getMessage(), body, domain, headers);
        log(letter);
        return letter;
    }

    private DeadLetter add(String stage, String messageId, String type, String reason, String error, Object body,
                           String replayRoute, Map<String, Object> headers) {
        DeadLetterShelf shelf = replayRoute == null ? refused : failed;
        boolean keep = shelf.isDurable() && replayRoute != null;
        DeadLetter letter = new DeadLetter(ids.incrementAndGet(), Instant.now(), stage, messageId, type, reason,
                error, summary(body), keep ? replayRoute : null, null);
        shelf.add(letter, keep ? StoredMessage.capture(headers, body, json) : null);
        metrics.deadLetter(stage, reason);
        return letter;
    }

    private static void log(DeadLetter letter) {
        LOG.warn("Dead letter {} from {}: message {} ({}): {}", letter.id(), letter.stage(), letter.messageId(), letter.reason(), letter.error());
    }

    /** The route that took the message from its inbox, where a replay puts it again; none for HTTP requests. */
    private static String replayRouteOf(Exchange exchange) {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        return route == null || route.getEndpoint().getEndpointUri().startsWith("platform-http") ? null : route.getRouteId();
    }

    /** A batch item's own envelope: the batch's headers without those that make it a batch. */
    private static Map<String, Object> itemHeaders(Message batch, BatchItem<?> item) {
        Map<String, Object> headers = new HashMap<>(batch.getHeaders());
        headers.keySet().removeIf(name -> name.startsWith("CrystalBatch") || name.equals(CrystalHeaders.UNBATCH));
        headers.put(CrystalHeaders.MESSAGE_ID, item.messageId());
        if (item.correlationId() != null) {
            headers.put(CrystalHeaders.CORRELATION_ID, item.correlationId());
        }
        if (item.createdAt() != null) {
            headers.put(CrystalHeaders.CREATED_AT, item.createdAt());
        }
        return headers;
    }

    public static String reasonOf(Throwable error) {
        if (error instanceof RejectedMessageException rejected) {
            return rejected.reason();
        }
        return error == null ? "unknown" : "failed";
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        return error instanceof RejectedMessageException ? error.getMessage()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** The body as shown: parsed where it parses, masked, shortened. */
    private String summary(Object body) {
        if (body == null) {
            return null;
        }
        String text;
        if (body instanceof byte[] || body instanceof String) {
            String raw = body instanceof byte[] bytes ? new String(bytes, 0, Math.min(bytes.length, MAX_BODY_CHARS * 4), java.nio.charset.StandardCharsets.UTF_8)
                    : (String) body;
            text = mask.mask(raw);
        } else {
            try {
                text = json.writeValueAsString(mask.mask(json.valueToTree(body)));
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                text = mask.mask(String.valueOf(body));
            }
        }
        return text.length() <= MAX_BODY_CHARS ? text : text.substring(0, MAX_BODY_CHARS) + "...";
    }

    /** The newest letters of both shelves first, at most {@code limit}. */
    public List<DeadLetter> newest(int limit) {
        return java.util.stream.Stream.concat(failed.newest(limit).stream(), refused.newest(limit).stream())
                .sorted(Comparator.comparingLong(DeadLetter::id).reversed()).limit(limit).toList();
    }

    /** The newest letters of one shelf first, at most {@code limit}. */
    public List<DeadLetter> newest(int limit, Kind kind) {
        return shelf(kind).newest(limit);
    }

    public Optional<DeadLetter> find(long id) {
        return failed.find(id).or(() -> refused.find(id));
    }

    /** The message of a failed letter, read back from disk; empty when not kept or past the retention. */
    public Optional<StoredMessage> message(long id) {
        return failed.message(id);
    }

    /** Notes (on disk too) that the letter was replayed, so it is not replayed twice by mistake. */
    public void markReplayed(long id, Instant at) {
        failed.markReplayed(id, at);
    }

    public Map<String, Long> countsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        failed.addCountsTo(counts);
        refused.addCountsTo(counts);
        return counts;
    }

    public Map<String, Long> countsByReason(Kind kind) {
        return shelf(kind).countsByReason();
    }

    public long total() {
        return failed.total() + refused.total();
    }

    public long total(Kind kind) {
        return shelf(kind).total();
    }

    private DeadLetterShelf shelf(Kind kind) {
        return kind == Kind.FAILED ? failed : refused;
    }
}
