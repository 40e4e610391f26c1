package io.crystalbus.deadletter;

import java.time.Instant;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a dead letter's message back into the inbox of the route that failed it, with its envelope (so a
 * message that was applied after all is not applied twice: its id is known). A letter is replayed once; a
 * replay that fails again becomes a new dead letter.
 */
public final class DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    /** What a replay did: HTTP-like status, and a sentence for the operator. */
    public record Outcome(int status, String message, DeadLetter letter) {
    }

    private final DeadLetters deadLetters;
    private final CamelContext context;
    private ProducerTemplate producer;

    public DeadLetterReplayer(DeadLetters deadLetters, CamelContext context) {
        this.deadLetters = deadLetters;
        this.context = context;
    }

    public synchronized Outcome replay(long id) {
        Optional<DeadLetter> found = deadLetters.find(id);
        if (found.isEmpty()) {
            return new Outcome(404, "no dead letter " + id + " is listed", null);
        }
        DeadLetter letter = found.get();
        if (!letter.replayable()) {
            return new Outcome(409, "dead letter " + id + " cannot be replayed: it was rejected before it entered the bus"
                    + " (" + letter.stage() + "); correct it and send it again", letter);
        }
        if (letter.replayedAt() != null) {
            return new Outcome(409, "dead letter " + id + " was replayed at " + letter.replayedAt(), letter);
        }
        Optional<StoredMessage> message = deadLetters.message(id);
        if (message.isEmpty()) {
            return new Outcome(410, "the message of dead letter " + id + " is no longer on disk (past the retention)", letter);
        }
        Route route = context.getRoute(letter.replayRoute());
        if (route == null) {
            return new Outcome(409, "route " + letter.replayRoute() + " of dead letter " + id + " no longer exists", letter);
        }
        Exchange sent = producer().send(route.getEndpoint(), exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(message.get().headers()));
            exchange.getMessage().setBody(message.get().payload());
        });
        if (sent.getException() != null) {
            return new Outcome(503, "dead letter " + id + " could not be put into " + letter.replayRoute() + "'s inbox: "
                    + sent.getException().getMessage() + "; try again later", letter);
        }
        Instant now = Instant.now();
        deadLetters.markReplayed(id, now);
        LOG.info("Dead letter {} (message {}) replayed into {}", id, letter.messageId(), letter.replayRoute());
        return new Outcome(202, "dead letter " + id + " replayed into " + letter.replayRoute(), deadLetters.find(id).orElse(letter));
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }
}
