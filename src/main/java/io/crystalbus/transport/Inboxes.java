package io.crystalbus.transport;

import io.crystalbus.flow.Flow;
import io.crystalbus.config.BusSettings;

/**
 * Resolves each domain inbox placeholder ({@code crystal.inbox.<domain>}) to its endpoint. Route files name
 * only the placeholder, so the transport behind it can change without touching them. The SEDA inbox is
 * bounded and blocks a full queue for at most {@code offer-timeout-ms} before the sender gets an error
 * (never the SEDA defaults, which drop messages with "Queue full" under load).
 */
public final class Inboxes {
    private static final String PREFIX = "crystal.inbox.";

    private Inboxes() {
    }

    public static void register(BusSettings settings) {
        Transport transport = Transport.of(settings);
        for (String domain : Flow.ids()) {
            settings.defaultProperty(PREFIX + domain, transport == Transport.JMS ? jmsUri(settings, domain) : sedaUri(settings, domain));
        }
    }

    /** The placeholder a route file names an inbox by. */
    public static String placeholder(String domain) {
        return "{{" + PREFIX + domain + "}}";
    }

    /** The domain a placeholder {@code {{crystal.inbox.<domain>}}} names, or null for any other URI. */
    public static String domainOfPlaceholder(String uri) {
        if (uri != null && uri.startsWith("{{" + PREFIX) && uri.endsWith("}}")) {
            return uri.substring(PREFIX.length() + 2, uri.length() - 2);
        }
        return null;
    }

    /** A domain's SEDA inbox as the settings size it (the benchmark's floor queues the same way). */
    public static String sedaUri(BusSettings settings, String domain) {
        return "seda:" + domain
                + "?size=" + queueSetting(settings, domain, "size")
                + "&concurrentConsumers=" + queueSetting(settings, domain, "consumers")
                + "&blockWhenFull=true"
                + "&offerTimeout=" + queueSetting(settings, domain, "offer-timeout-ms")
                // an idle consumer wakes this often: it bounds how long a stop waits for idle consumers
                + "&pollTimeout=" + queueSetting(settings, domain, "poll-timeout-ms");
    }

    /**
     * An Artemis queue {@code crystal.<domain>}: consumed in a local JMS transaction whose session the route's
     * sends to other inboxes share, so the message leaves its queue in the same commit that puts its follow-ups
     * in theirs; by cached consumers (a consumer per message was about 10x slower); sent persistent (a send
     * returns once the broker has it on disk). No transaction manager: with Spring's JmsTransactionManager and
     * cached consumers, the acknowledgement and the sends were two transactions committed one after the other,
     * and a kill between the two lost the follow-ups (found by DurableCrashIT).
     */
    static String jmsUri(BusSettings settings, String domain) {
        return "jms:queue:" + jmsQueue(domain)
                + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers=" + queueSetting(settings, domain, "consumers")
                + "&deliveryPersistent=true";
    }

    /** The Artemis queue of a domain's inbox. */
    public static String jmsQueue(String domain) {
        return "crystal." + domain;
    }

    /** {@code crystal.queue.<domain>.<name>}, else {@code crystal.queue.default.<name>}. */
    public static int queueSetting(BusSettings settings, String domain, String name) {
        String key = settings.scopedKey("queue", domain, name);
        int value = settings.integer(key);
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
        return value;
    }
}
