package io.crystalbus.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.FifoMap;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared dead-letter channel's store (bean {@code deadLetters}). Each letter is appended to the
 * {@link DeadLetterJournal} on disk with its whole message, so it outlives a restart and can be replayed; the
 * newest {@code capacity} are indexed in memory for listing and replay. Counts per reason cover every letter
 * the journal still holds plus those recorded since the start.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_BODY_CHARS = 512;

    private record Entry(DeadLetter letter, DeadLetterJournal.Location location) {
    }

    private final FifoMap<Long, Entry> letters;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> countsByReason = new ConcurrentHashMap<>();
    private final BusMetrics metrics;
    private final DeadLetterJournal journal;
    private final ObjectMapper json;

    /** Kept in memory only ({@code journal} null): lost on restart, not replayable. */
    public DeadLetters(int capacity, BusMetrics metrics, DeadLetterJournal journal, ObjectMapper json) {
        this.letters = new FifoMap<>(capacity);
        this.metrics = metrics;
        this.journal = journal;
        this.json = json;
        if (journal != null) {
            restore();
        }
    }

    private void restore() {
        Map<Long, Instant> replays = new HashMap<>();
        journal.readAll(new DeadLetterJournal.Reader() {
            @Override
            public void letter(DeadLetter letter, DeadLetterJournal.Location location) {
                letters.put(letter.id(), new Entry(letter, location));
                ids.accumulateAndGet(letter.id(), Math::max);
                countsByReason.computeIfAbsent(letter.reason(), r -> new LongAdder()).increment();
            }

            @Override
            public void replayed(long id, Instant at) {
                replays.put(id, at);
            }
        });
        replays.forEach((id, at) -> letters.computeIfPresent(id, (key, entry) -> new Entry(entry.letter().replayed(at), entry.location())));
        if (ids.get() > 0) {
            LOG.info("{} dead letters on disk, the newest {} listed", total(), letters.size());
        }
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
        boolean keep = journal != null && replayRoute != null;
        DeadLetter letter = new DeadLetter(ids.incrementAndGet(), Instant.now(), stage, messageId, type, reason,
                error, summary(body), keep ? replayRoute : null, null);
        DeadLetterJournal.Location location = null;
        if (journal != null) {
            location = journal.append(letter, keep ? StoredMessage.capture(headers, body, json) : null);
        }
        letters.put(letter.id(), new Entry(letter, location));
        countsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
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

    private static String summary(Object body) {
        if (body == null) {
            return null;
        }
        String text = body instanceof byte[] bytes
                ? new String(bytes, 0, Math.min(bytes.length, MAX_BODY_CHARS), java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(body);
        return text.length() <= MAX_BODY_CHARS ? text : text.substring(0, MAX_BODY_CHARS) + "...";
    }

    /** The newest letters first, at most {@code limit}. */
    public List<DeadLetter> newest(int limit) {
        return letters.values().stream().map(Entry::letter)
                .sorted(Comparator.comparingLong(DeadLetter::id).reversed()).limit(limit).toList();
    }

    public Optional<DeadLetter> find(long id) {
        return Optional.ofNullable(letters.get(id)).map(Entry::letter);
    }

    /** The message of a listed letter, read back from disk; empty when not kept or past the retention. */
    public Optional<StoredMessage> message(long id) {
        Entry entry = letters.get(id);
        return entry == null || entry.location() == null || journal == null ? Optional.empty() : journal.message(entry.location());
    }

    /** Notes (on disk too) that the letter was replayed, so it is not replayed twice by mistake. */
    public void markReplayed(long id, Instant at) {
        if (journal != null) {
            journal.appendReplay(id, at);
        }
        letters.computeIfPresent(id, (key, entry) -> new Entry(entry.letter().replayed(at), entry.location()));
    }

    public Map<String, Long> countsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        countsByReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    public long total() {
        return countsByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
