package io.crystalbus.domain.balance;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.domain.settlement.SettlementTracker;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.Clock;
import io.crystalbus.store.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The balance domain: applies adjustments to the {@link Ledger}, each message id once. */
public final class BalanceService {
    public static final String DOMAIN = "balance";
    private final Ledger ledger;
    private final SettlementTracker settlements;
    private final Transactions transactions;
    private final LongAdder applied = new LongAdder();

    public BalanceService(Ledger ledger, SettlementTracker settlements, Transactions transactions) {
        this.ledger = ledger;
        this.settlements = settlements;
        this.transactions = transactions;
    }

    /**
     * Applies the adjustments (one, or a batch) as one ledger operation, with the completions of the settlements
     * among them (one transaction in the durable store). Results: the {@link BalanceChanged} applied now, each under
     * its adjustment's envelope (an id applied before has none). An adjustment that completes a settlement completes
     * it also when it was applied before: its first attempt may have stopped before its completion was recorded.
     * An adjustment that can never apply (another currency, an overflow) is refused on its own.
     */
    public Handled<BalanceChanged> apply(List<BatchItem<BalanceAdjust>> items) {
        List<Ledger.Entry> entries = new ArrayList<>(items.size());
        items.forEach(item -> entries.add(new Ledger.Entry(item.messageId(), item.message())));
        Ledger.BatchResult result = transactions.inOne(() -> {
            Ledger.BatchResult done = ledger.applyAll(entries);
            settlements.reportAll(completions(items, done));
            return done;
        });
        List<Handled.Refused> refused = new ArrayList<>(result.rejected().size());
        result.rejected().forEach(rejection -> refused.add(new Handled.Refused(items.get(rejection.index()), rejection.error())));
        List<BatchItem<BalanceChanged>> changed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchItem<BalanceAdjust> item = items.get(i);
            result.changes().get(i).ifPresent(change -> changed.add(new BatchItem<>(item.messageId(), item.correlationId(), item.createdAt(), change)));
        }
        applied.add(changed.size());
        return new Handled<>(changed, refused);
    }

    /** The settlements the adjustments complete: every settlement adjustment not rejected, applied now or before. */
    private static List<SettlementStatus> completions(List<BatchItem<BalanceAdjust>> items, Ledger.BatchResult result) {
        boolean[] rejected = new boolean[items.size()];
        result.rejected().forEach(rejection -> rejected[rejection.index()] = true);
        List<SettlementStatus> completions = new ArrayList<>(items.size());
        long now = Clock.nowMicros();
        for (int i = 0; i < items.size(); i++) {
            BatchItem<BalanceAdjust> item = items.get(i);
            BalanceAdjust adjustment = item.message();
            if (!rejected[i] && adjustment.completesSettlement()) {
                long acceptedAt = item.createdAt() == null ? now : item.createdAt();
                completions.add(SettlementStatus.completed(adjustment.reference(), adjustment.customerId(), acceptedAt, now, adjustment.amount()));
            }
        }
        return completions;
    }

    /** Adjustments applied since start (always counted, also with metrics off: the benchmark reads it). */
    public long appliedCount() {
        return applied.sum();
    }

    public Ledger ledger() {
        return ledger;
    }
}
