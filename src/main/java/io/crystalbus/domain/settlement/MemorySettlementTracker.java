package io.crystalbus.domain.settlement;

import io.crystalbus.domain.FifoMap;
import java.util.List;
import java.util.Optional;

/** The status of the most recent settlements in this JVM's memory (bounded, oldest forgotten first). */
public final class MemorySettlementTracker implements SettlementTracker {
    private final FifoMap<String, SettlementStatus> statuses;

    public MemorySettlementTracker(int capacity) {
        this.statuses = new FifoMap<>(capacity);
    }

    @Override
    public void reportAll(List<SettlementStatus> reports) {
        for (SettlementStatus report : reports) {
            if (report.state() == SettlementStatus.State.SETTLING) {
                // what the merge does for a settling report, without a lambda per settlement
                statuses.putIfAbsent(report.wagerId(), report);
            } else {
                statuses.compute(report.wagerId(), (wager, current) -> SettlementStatus.merge(current, report));
            }
        }
    }

    @Override
    public Optional<SettlementStatus> status(String wagerId) {
        return Optional.ofNullable(statuses.get(wagerId));
    }
}
