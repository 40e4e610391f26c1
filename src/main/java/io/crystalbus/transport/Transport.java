package io.crystalbus.transport;

import io.crystalbus.batch.Batch;
import io.crystalbus.rollout.RecordKeys;
import io.crystalbus.config.BusSettings;

/**
 * {@code crystal.transport}: where the domain inboxes live. {@code seda}: bounded queues in this JVM (fast; what
 * waits in them is lost on a crash). {@code jms}: ActiveMQ Artemis queues (durable; other JVMs can share them).
 * Route files are the same for both: they name inboxes only by placeholder.
 */
public enum Transport {
    SEDA("object", true),
    // A batch gathering several messages would hold messages already acknowledged upstream in memory.
    JMS("json", false);

    public static final String SETTING = "crystal.transport";
    private final String defaultWireMode;
    private final boolean batchesAcrossMessages;

    Transport(String defaultWireMode, boolean batchesAcrossMessages) {
        this.defaultWireMode = defaultWireMode;
        this.batchesAcrossMessages = batchesAcrossMessages;
    }

    public static Transport of(BusSettings settings) {
        String name = settings.string(SETTING).orElse(settings.durable() ? "jms" : "seda");
        return switch (name) {
            case "seda" -> SEDA;
            case "jms" -> JMS;
            default -> throw new IllegalArgumentException(SETTING + " must be seda or jms, not '" + name + "'");
        };
    }

    /** The wire mode of a channel or a batch frame when none is set: by reference in one JVM, JSON across JVMs. */
    public String defaultWireMode() {
        return defaultWireMode;
    }

    /**
     * Whether a channel batch may gather several messages (until its age or size completes it). Only where a
     * crash loses the inboxes anyway: on the durable transport a batch holds only one message's items and is
     * sent in the transaction that acknowledges that message.
     */
    public boolean batchesAcrossMessages() {
        return batchesAcrossMessages;
    }

    /**
     * The message group of a body on the durable transport: its customer, so that Artemis hands one customer's
     * messages to one consumer at a time, in order, on any node; null for a batch (it spans customers and keeps
     * its own order) or a body without one.
     */
    public static String groupOf(Object body) {
        return body instanceof Batch ? null : RecordKeys.read(body, "customerId");
    }

    /** Refuses object mode where messages cross JVMs: an object reference means nothing in another process. */
    public String checkWireMode(String setting, String mode) {
        if (this == JMS && "object".equals(mode)) {
            throw new IllegalArgumentException(setting + "=object cannot cross JVMs: with crystal.transport=jms use json, cbor or yaml");
        }
        return mode;
    }
}
