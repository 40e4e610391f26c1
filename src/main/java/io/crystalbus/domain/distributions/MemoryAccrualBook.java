package io.crystalbus.domain.distributions;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.FifoMap;
import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionPayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link AccrualBook} in this JVM's memory (lost at a stop); the most recent runs are remembered. */
public final class MemoryAccrualBook implements AccrualBook {
    private record Key(String agentId, String period, String currency) {
    }

    private final ConcurrentHashMap<Key, AgentAccrual> accruals = new ConcurrentHashMap<>();
    private final ProcessedIds applied;
    private final FifoMap<String, PayoutRun> runs;

    public MemoryAccrualBook(int rememberedIds, int rememberedRuns) {
        this.applied = new ProcessedIds(rememberedIds);
        this.runs = new FifoMap<>(rememberedRuns);
    }

    @Override
    public int accrueAll(List<BatchItem<CommissionAccrued>> items) {
        int added = 0;
        for (BatchItem<CommissionAccrued> item : items) {
            CommissionAccrued accrued = item.message();
            Key key = new Key(accrued.agentId(), accrued.period(), accrued.currency());
            added += applied.applyOnce(item.messageId(), () -> accruals.compute(key, (k, before) -> (before == null
                    ? AgentAccrual.none(k.agentId(), k.period(), k.currency()) : before).plus(accrued.amount()))).isPresent() ? 1 : 0;
        }
        return added;
    }

    @Override
    public List<AgentAccrual> ofAgent(String agentId) {
        return accruals.values().stream().filter(a -> a.agentId().equals(agentId)).sorted(AgentAccrual.ORDER).toList();
    }

    @Override
    public void runAccepted(String runId, String period) {
        runs.putIfAbsent(runId, PayoutRun.of(runId, period, PayoutRun.State.ACCEPTED, List.of()));
    }

    @Override
    public synchronized PayoutRun pay(String runId, String period) {
        PayoutRun existing = runs.get(runId);
        if (existing != null && existing.state() != PayoutRun.State.ACCEPTED) {
            return existing;
        }
        List<DistributionPayout> payouts = new ArrayList<>();
        for (Key key : accruals.keySet()) {
            if (key.period().equals(period)) {
                accruals.computeIfPresent(key, (k, accrual) -> {
                    if (accrual.unpaidAccruals() == 0) {
                        return accrual;
                    }
                    payouts.add(accrual.payout(runId));
                    return accrual.allPaid();
                });
            }
        }
        payouts.sort(DistributionPayout.ORDER);
        PayoutRun run = PayoutRun.of(runId, period, PayoutRun.State.WRITING, payouts);
        runs.put(runId, run);
        return run;
    }

    @Override
    public void completed(String runId) {
        runs.computeIfPresent(runId, (id, run) -> run.in(PayoutRun.State.COMPLETED));
    }

    @Override
    public Optional<PayoutRun> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
