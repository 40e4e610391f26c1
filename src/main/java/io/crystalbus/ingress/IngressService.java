package io.crystalbus.ingress;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.DistributionRunRequest;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.Inbound;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.MessageIds;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.Violation;
import io.crystalbus.message.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The HTTP entry (bean {@code ingress}): decodes a request body of one message or a list, validates every
 * item (a bad item rejects the whole request and is named by its index), gives each message its envelope and
 * idempotency key, and answers 202 once the route has offered every message to its inbox.
 */
public final class IngressService {
    static final String ACCEPTED_IDS = "CrystalAcceptedIds";
    private final MessageReader reader;
    private final HttpReplies replies;
    private final DistributionService distributions;

    public IngressService(MessageReader reader, HttpReplies replies, DistributionService distributions) {
        this.reader = reader;
        this.replies = replies;
        this.distributions = distributions;
    }

    /** The body becomes the list of messages to offer to the inbox, each a Camel message with its envelope. */
    public void decode(Exchange exchange, String type) {
        MessageType messageType = MessageType.of(type);
        Message request = exchange.getMessage();
        String contentType = request.getHeader(Exchange.CONTENT_TYPE, String.class);
        WireFormat format = contentType == null ? WireFormat.JSON : WireFormat.forContentType(contentType);
        if (format == null) {
            throw new UnsupportedContentTypeException(contentType);
        }
        List<?> items = reader.readItems(request.getBody(byte[].class), format, messageType.javaType());
        String headerId = request.getHeader(CrystalHeaders.MESSAGE_ID, String.class);
        validate(messageType, items, headerId);

        long now = Clock.nowMicros();
        List<Message> messages = new ArrayList<>(items.size());
        List<String> ids = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = prepare(items.get(i));
            String id = MessageIds.scoped(messageType, key((Inbound) item, headerId, items.size() == 1 ? -1 : i));
            Message message = new DefaultMessage(exchange.getContext());
            message.setBody(item);
            Envelope.start(message, id, wireType(messageType, item), now);
            messages.add(message);
            ids.add(id);
        }
        exchange.setProperty(ACCEPTED_IDS, ids);
        request.setBody(messages);
    }

    /**
     * A list of more than one message becomes a list of one batch (by reference), so the whole list is one
     * exchange into the inbox: accepted or refused as a whole (a full inbox refuses all of it, never a part),
     * and handled as one by a domain that takes batches. Each message keeps its id inside the batch.
     */
    public void asBatch(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Message> messages = exchange.getMessage().getBody(List.class);
        if (messages.size() < 2) {
            return;
        }
        List<BatchItem<?>> items = new ArrayList<>(messages.size());
        for (Message message : messages) {
            items.add(new BatchItem<>(Envelope.messageId(message), message.getHeader(CrystalHeaders.CORRELATION_ID, String.class),
                    message.getHeader(CrystalHeaders.CREATED_AT, Long.class), message.getBody()));
        }
        Message first = messages.get(0);
        Message batch = new DefaultMessage(exchange.getContext());
        batch.setBody(new Batch(items));
        Envelope.start(batch, "request:" + UUID.randomUUID(), first.getHeader(CrystalHeaders.TYPE, String.class), Envelope.createdAtMicros(first));
        batch.setHeader(CrystalHeaders.BATCH_SIZE, items.size());
        exchange.getMessage().setBody(List.of(batch));
    }

    /**
     * Every item's rules, and the request's: a {@code CrystalMessageId} header is an id like the body's; a free-play
     * command has no natural key, so it needs one (a retry without it would apply twice); a run is one per request.
     */
    private static void validate(MessageType type, List<?> items, String headerId) {
        List<Violation> violations = new ArrayList<>();
        Violations request = new Violations().optionalId(CrystalHeaders.MESSAGE_ID + " header", headerId);
        if (type == MessageType.DISTRIBUTION_RUN) {
            request.check(items.size() == 1, "body", items.size() + " runs", "must be one run per request");
        }
        violations.addAll(request.list());
        for (int i = 0; i < items.size(); i++) {
            Inbound item = (Inbound) items.get(i);
            if (type == MessageType.FREEPLAY && headerId == null && item.messageId() == null) {
                String field = (items.size() == 1 ? "" : "[" + i + "].") + "messageId";
                violations.add(Violation.of(field, null, "is required for a free-play command (or a CrystalMessageId header): "
                        + "it has no natural key, and a retry must carry the same id to be applied once"));
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Violations itemViolations = new Violations();
            ((Inbound) items.get(i)).validateRequest(itemViolations);
            String prefix = items.size() == 1 ? "" : "[" + i + "]";
            itemViolations.list().forEach(v -> violations.add(v.under(prefix)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidMessageException(violations);
        }
    }

    /** A distribution run gets its id here, so the caller can ask for its status at once. */
    private Object prepare(Object item) {
        if (item instanceof DistributionRunRequest run) {
            DistributionRunRequest withId = run.runId() == null ? run.withRunId(UUID.randomUUID().toString()) : run;
            distributions.runAccepted(withId.runId(), withId.period());
            return withId;
        }
        return item;
    }

    /** The sender's key (field, then header), else the natural key, else a fresh one (no idempotency). */
    private static String key(Inbound item, String headerId, int index) {
        if (item.messageId() != null) {
            return item.messageId();
        }
        if (headerId != null) {
            return index < 0 ? headerId : headerId + "/" + index;
        }
        String natural = item.naturalKey();
        return natural != null ? natural : UUID.randomUUID().toString();
    }

    private static String wireType(MessageType type, Object item) {
        return item instanceof FreePlayCommand command ? command.action().wireName() : type.wireName();
    }

    /** Answers 202 with the accepted message ids. */
    public void accepted(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> ids = exchange.getProperty(ACCEPTED_IDS, List.class);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("accepted", ids.size());
        reply.put("messageIds", ids);
        Object first = exchange.getMessage().getBody(List.class).get(0);
        if (first instanceof Message message && message.getBody() instanceof DistributionRunRequest run) {
            reply.put("runId", run.runId());
        }
        replies.json(exchange, 202, reply);
    }
}
