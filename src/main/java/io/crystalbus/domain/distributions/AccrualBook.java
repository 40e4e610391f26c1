package io.crystalbus.domain.distributions;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionPayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Commission per agent, period and currency; each accrual counted once per message id. */
public final class AccrualBook {
    private record Key(String agentId, String period, String currency) {
    }

    private final ConcurrentHashMap<Key, AgentAccrual> accruals = new ConcurrentHashMap<>();
    private final ProcessedIds applied;

    public AccrualBook(int rememberedIds) {
        this.applied = new ProcessedIds(rememberedIds);
    }

    /** Adds the accrual; false when its message id was applied before. */
    public boolean accrue(String messageId, CommissionAccrued accrued) {
        Key key = new Key(accrued.agentId(), accrued.period(), accrued.currency());
        return applied.applyOnce(messageId, () -> accruals.compute(key, (k, before) -> (before == null
                ? new AgentAccrual(k.agentId(), k.period(), k.currency(), 0, 0, 0, 0) : before).plus(accrued.amount()))).isPresent();
    }

    /** Adds a batch of accruals in order; returns how many were new. */
    public int accrueAll(List<BatchItem<CommissionAccrued>> items) {
        int added = 0;
        for (BatchItem<CommissionAccrued> item : items) {
            added += accrue(item.messageId(), item.message()) ? 1 : 0;
        }
        return added;
    }

    /**
     * Pays out what is unpaid in the period: one payout per agent and currency, and marks it paid. An accrual
     * that arrives for the period afterwards is paid by the next run.
     */
    public List<DistributionPayout> payOut(String runId, String period) {
        List<DistributionPayout> payouts = new ArrayList<>();
        for (Key key : accruals.keySet()) {
            if (!key.period().equals(period)) {
                continue;
            }
            accruals.computeIfPresent(key, (k, accrual) -> {
                if (accrual.unpaidAccruals() == 0) {
                    return accrual;
                }
                payouts.add(new DistributionPayout(runId, k.agentId(), period, k.currency(), accrual.unpaid(), accrual.unpaidAccruals()));
                return accrual.allPaid();
            });
        }
        payouts.sort(Comparator.comparing(DistributionPayout::agentId).thenComparing(DistributionPayout::currency));
        return payouts;
    }

    public List<AgentAccrual> ofAgent(String agentId) {
        return accruals.values().stream()
                .filter(a -> a.agentId().equals(agentId))
                .sorted(Comparator.comparing(AgentAccrual::period).thenComparing(AgentAccrual::currency))
                .toList();
    }
}
