package io.crystalbus.message;

/** The envelope: Camel header names every crystal-bus message carries between domains. */
public final class CrystalHeaders {
    /** Idempotency key: a message with an id that was applied before is not applied again. */
    public static final String MESSAGE_ID = "CrystalMessageId";
    /** Message type, e.g. {@code wager.settled}; see {@link MessageType}. */
    public static final String TYPE = "CrystalType";
    /** The domain (or {@code api}) that sent the message. */
    public static final String SOURCE = "CrystalSource";
    /** Id of the message that started the chain (the ingress message). */
    public static final String CORRELATION_ID = "CrystalCorrelationId";
    /** Ingress time of the chain, epoch microseconds; end-to-end latency is measured from it. */
    public static final String CREATED_AT = "CrystalCreatedAt";
    /** When the message was handed to the next domain (epoch microseconds): the start of its hop. */
    public static final String SENT_AT = "CrystalSentAt";
    /** {@code pilot} or {@code control}, set by the rollout decider. */
    public static final String ROLLOUT_GROUP = "CrystalRolloutGroup";
    /** On a batch: how many messages it holds (absent on a single message). */
    public static final String BATCH_SIZE = "CrystalBatchSize";
    /** On a batch after its domain handled it: how many of its messages became dead letters. */
    public static final String BATCH_REJECTED = "CrystalBatchRejected";
    /** On a message a channel hands to its batcher (the flow's wire mode is {@code batch}). */
    public static final String BATCHED = "CrystalBatched";
    /** On a batch a channel cannot pass on whole (some of its messages take a one-by-one path): split it first. */
    public static final String UNBATCH = "CrystalUnbatch";
    /**
     * The customer a message is about, on the durable transport: Artemis hands the messages of one group to one
     * consumer at a time, in order, also across nodes (JMS's standard group property).
     */
    public static final String GROUP = "JMSXGroupID";
    /** On a distribution run's payout files: the run they belong to, completed once they are written. */
    public static final String RUN_ID = "CrystalRunId";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_ENCODING = "Content-Encoding";

    private CrystalHeaders() {
    }
}
