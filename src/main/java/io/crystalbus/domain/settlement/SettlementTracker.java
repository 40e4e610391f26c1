package io.crystalbus.domain.settlement;

import java.util.List;
import java.util.Optional;

/**
 * The status of each settlement: in memory (the most recent, bounded) or in the durable store. Reports are
 * merged by {@link SettlementStatus#merge}, so each may arrive more than once (a redelivery) in any order.
 */
public interface SettlementTracker {

    /** Records the reports of a batch as one operation (one transaction in the durable store). */
    void reportAll(List<SettlementStatus> reports);

    default void report(SettlementStatus report) {
        reportAll(List.of(report));
    }

    Optional<SettlementStatus> status(String wagerId);
}
