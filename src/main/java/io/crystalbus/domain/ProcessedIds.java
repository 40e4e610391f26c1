package io.crystalbus.domain;

/**
 * The message ids a domain has applied, for exactly-once effects. Bounded: past {@code capacity} the oldest
 * ids are forgotten first, so the guarantee covers the most recent {@code capacity} messages (documented
 * as {@code crystal.idempotency.capacity}).
 */
public final class ProcessedIds {
    private final FifoMap<String, Boolean> ids;

    public ProcessedIds(int capacity) {
        this.ids = new FifoMap<>(capacity);
    }

    /**
     * Runs the effect once per id: the id is claimed first (so a concurrent duplicate skips), and released
     * when the effect throws (so a failure never counts as applied and a redelivery can apply it).
     *
     * @return the effect's result, or empty when the id was applied before
     */
    public <T> java.util.Optional<T> applyOnce(String id, java.util.function.Supplier<T> effect) {
        if (!markNew(id)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(effect.get());
        } catch (RuntimeException e) {
            forget(id);
            throw e;
        }
    }

    /** Records the id; true when it was new (apply the effect), false when it was seen before (skip it). */
    public boolean markNew(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE);
    }

    /** Forgets an id whose effect failed to apply, so a redelivery can apply it. */
    public void forget(String id) {
        ids.remove(id);
    }

    public int size() {
        return ids.size();
    }
}
