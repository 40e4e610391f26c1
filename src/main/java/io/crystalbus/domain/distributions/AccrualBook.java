package io.crystalbus.domain.distributions;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.message.CommissionAccrued;
import java.util.List;
import java.util.Optional;

/**
 * Commission per agent, period and currency, each accrual counted once per message id, and the payout runs
 * that pay it: in memory or in the durable store. A run's payouts are recorded together with its accruals'
 * paid state ({@link #pay}); its files are written after that and the run completes only once they are on disk
 * ({@link #completed}), so a run whose write failed is paid again with the same payouts, never twice.
 */
public interface AccrualBook {
    String SCOPE = "distributions";

    /** Adds a batch of accruals in order, as one operation; returns how many were new. */
    int accrueAll(List<BatchItem<CommissionAccrued>> items);

    /** Adds the accrual; false when its message id was applied before. */
    default boolean accrue(String messageId, CommissionAccrued accrued) {
        return accrueAll(List.of(new BatchItem<>(messageId, messageId, null, accrued))) == 1;
    }

    List<AgentAccrual> ofAgent(String agentId);

    /** Records a run the API accepted, so its status can be asked before it runs. */
    void runAccepted(String runId, String period);

    /**
     * The run in state WRITING with its payouts: on its first call, what is unpaid in the period (one payout per
     * agent and currency, sorted) is marked paid and recorded as the run's; on a later call the recorded payouts
     * again. A run already completed is returned as it is. An accrual that arrives for the period afterwards is
     * paid by the next run.
     */
    PayoutRun pay(String runId, String period);

    /** The run's files are on disk. */
    void completed(String runId);

    Optional<PayoutRun> run(String runId);
}
