package io.crystalbus.deadletter;

import io.crystalbus.domain.FifoMap;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.RejectedMessageException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared dead-letter channel's store (bean {@code deadLetters}): bounded, in memory, newest kept; counts
 * per reason are kept for ever.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_BODY_CHARS = 512;

    private final FifoMap<Long, DeadLetter> letters;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> countsByReason = new ConcurrentHashMap<>();

    private final BusMetrics metrics;

    public DeadLetters(int capacity, BusMetrics metrics) {
        this.letters = new FifoMap<>(capacity);
        this.metrics = metrics;
    }

    /** Records the failed exchange (called by the dead-letter route). */
    public void record(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        Message message = exchange.getMessage();
        DeadLetter letter = add(stage, message.getHeader(CrystalHeaders.MESSAGE_ID, String.class),
                message.getHeader(CrystalHeaders.TYPE, String.class), reasonOf(error), describe(error), message.getBody());
        LOG.warn("Dead letter {} from {}: message {} ({}): {}", letter.id(), stage, letter.messageId(), letter.reason(), letter.error());
    }

    /** Records an input rejected before it entered the bus. */
    public DeadLetter reject(String stage, String type, String reason, String error, Object body) {
        return add(stage, null, type, reason, error, body);
    }

    /** Records one message of a batch that its domain refused (the rest of the batch went on). */
    public DeadLetter rejectItem(String stage, String messageId, String type, RejectedMessageException error, Object body) {
        DeadLetter letter = add(stage, messageId, type, error.reason(), error.getMessage(), body);
        LOG.warn("Dead letter {} from {}: message {} ({}): {}", letter.id(), stage, messageId, letter.reason(), letter.error());
        return letter;
    }

    private DeadLetter add(String stage, String messageId, String type, String reason, String error, Object body) {
        DeadLetter letter = new DeadLetter(ids.incrementAndGet(), Instant.now(), stage, messageId, type, reason,
                error, summary(body));
        letters.put(letter.id(), letter);
        countsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        metrics.deadLetter(stage, reason);
        return letter;
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
        return letters.values().stream().sorted(Comparator.comparingLong(DeadLetter::id).reversed()).limit(limit).toList();
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
