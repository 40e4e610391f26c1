package io.crystalbus.ingress;

import io.crystalbus.deadletter.DeadLetter;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.message.Violation;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.InboxMonitor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed HTTP request into its answer (bean {@code httpErrors}), called by the {@code http-errors}
 * route configuration: 400 with every violation, 415, 503 with Retry-After when an inbox stays full, 500
 * otherwise. Never a stack trace. Rejected input is recorded as a dead letter with its reason.
 */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
    private final HttpReplies replies;
    private final DeadLetters deadLetters;
    private final int retryAfterSeconds;

    private final BusMetrics metrics;
    private final InboxMonitor inboxes;

    public HttpErrors(HttpReplies replies, DeadLetters deadLetters, int retryAfterSeconds, BusMetrics metrics,
                      InboxMonitor inboxes) {
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.retryAfterSeconds = retryAfterSeconds;
        this.metrics = metrics;
        this.inboxes = inboxes;
    }

    public void respond(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stage = "ingress:" + exchange.getFromRouteId();
        if (isInboxFull(error)) {
            String domain = inboxes.domainOf(exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class));
            metrics.inboxFull(domain == null ? "unknown" : domain);
            replies.json(exchange, 503, Map.of("error", "the bus is at capacity; retry after " + retryAfterSeconds
                    + " s (messages are idempotent by messageId, so resending the whole request is safe)"));
            exchange.getMessage().setHeader("Retry-After", retryAfterSeconds);
            return;
        }
        Object body = exchange.getMessage().getBody();
        if (error instanceof RejectedMessageException rejected) {
            DeadLetter letter = deadLetters.reject(stage, null, rejected.reason(), rejected.getMessage(), body);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("error", error instanceof InvalidMessageException ? "invalid message" : rejected.getMessage());
            if (error instanceof InvalidMessageException invalid) {
                reply.put("violations", violations(invalid.violations()));
            }
            reply.put("deadLetterId", letter.id());
            replies.json(exchange, error instanceof UnsupportedContentTypeException ? 415 : 400, reply);
            return;
        }
        DeadLetter letter = deadLetters.reject(stage, null, "internal-error", String.valueOf(error), body);
        LOG.error("Request to {} failed (dead letter {})", stage, letter.id(), error);
        replies.json(exchange, 500, Map.of("error", "internal error", "deadLetterId", letter.id()));
    }

    private static List<Map<String, Object>> violations(List<Violation> violations) {
        return violations.stream().map(v -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("field", v.field());
            if (v.value() != null) {
                item.put("value", v.value());
            }
            item.put("message", v.rule());
            return item;
        }).toList();
    }

    /**
     * SEDA reports a full queue only by message: "Fails to insert element into queue, after timeout of ..."
     * (blockWhenFull with offerTimeout) or "Queue full" (without blocking).
     */
    static boolean isInboxFull(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ExchangeTimedOutException || (t instanceof IllegalStateException
                    && (message.startsWith("Fails to insert element into queue") || message.startsWith("Queue full")))) {
                return true;
            }
        }
        return false;
    }
}
