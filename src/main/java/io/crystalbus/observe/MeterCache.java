package io.crystalbus.observe;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters by up to three tag values, found without building a Micrometer id (and its garbage) on each message:
 * a registry lookup per message would cost more than the message's own routing.
 */
final class MeterCache<M> {
    interface Factory<M> {
        M create(String first, String second, String third);
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, M>>> meters =
            new ConcurrentHashMap<>();
    private final Factory<M> factory;

    MeterCache(Factory<M> factory) {
        this.factory = factory;
    }

    M get(String first, String second, String third) {
        ConcurrentHashMap<String, M> byThird = meters
                .computeIfAbsent(first, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(second, k -> new ConcurrentHashMap<>());
        M meter = byThird.get(third);
        return meter != null ? meter : byThird.computeIfAbsent(third, k -> factory.create(first, second, k));
    }
}
