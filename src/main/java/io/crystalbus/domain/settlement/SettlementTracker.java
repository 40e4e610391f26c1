package io.crystalbus.domain.settlement;

import io.crystalbus.domain.FifoMap;
import java.util.Optional;

/** The status of the most recent settlements (bounded, oldest forgotten first). */
public final class SettlementTracker {
    private final FifoMap<String, SettlementStatus> statuses;

    public SettlementTracker(int capacity) {
        this.statuses = new FifoMap<>(capacity);
    }

    void settling(String wagerId, String customerId, long acceptedAtMicros) {
        statuses.putIfAbsent(wagerId, new SettlementStatus(wagerId, customerId, SettlementStatus.State.SETTLING,
                acceptedAtMicros, 0, 0));
    }

    void completed(String wagerId, String customerId, long acceptedAtMicros, long completedAtMicros, long delta) {
        SettlementStatus done = new SettlementStatus(wagerId, customerId, SettlementStatus.State.COMPLETED,
                acceptedAtMicros, completedAtMicros, delta);
        statuses.put(wagerId, done);
    }

    public Optional<SettlementStatus> status(String wagerId) {
        return Optional.ofNullable(statuses.get(wagerId));
    }
}
