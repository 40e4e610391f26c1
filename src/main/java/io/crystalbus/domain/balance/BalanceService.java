package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.domain.settlement.SettlementTracker;
import io.crystalbus.message.Clock;
import io.crystalbus.store.Transactions;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Message;

/** The balance domain's handler (bean {@code balance}): applies adjustments to the {@link Ledger}. */
public final class BalanceService {
    public static final String DOMAIN = "balance";
    private final Ledger ledger;
    private final Batches batches;
    private final DeadLetters deadLetters;
    private final SettlementTracker settlements;
    private final Transactions transactions;
    private final LongAdder applied = new LongAdder();

    public BalanceService(Ledger ledger, SettlementTracker settlements, Transactions transactions, Batches batches, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.settlements = settlements;
        this.transactions = transactions;
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies the adjustment in the message body; the body becomes the {@link BalanceChanged}, or null when
     * the message id was applied before. An adjustment that completes a settlement completes it in the same
     * transaction (also one applied before: its first attempt may have stopped before its completion was recorded).
     */
    public void apply(Message message) {
        String messageId = Envelope.messageId(message);
        BalanceAdjust adjustment = Envelope.body(message, BalanceAdjust.class);
        long acceptedAt = Envelope.createdAtMicros(message);
        BalanceChanged changed = transactions.inOne(() -> {
            Optional<BalanceChanged> change = ledger.apply(messageId, adjustment);
            if (adjustment.completesSettlement()) {
                settlements.report(completion(adjustment, acceptedAt, Clock.nowMicros()));
            }
            return change.orElse(null);
        });
        if (changed != null) {
            applied.increment();
        }
        message.setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_CHANGED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.setBody(changed);
    }

    /**
     * Applies a batch of adjustments as one ledger operation, with the completions of the settlements among them
     * (one transaction in the durable store); the body becomes a {@link Batch} of the {@link BalanceChanged} applied
     * now, each with its message's envelope. An adjustment that can never apply becomes a dead letter on its own and
     * is counted in {@code CrystalBatchRejected}.
     */
    public void applyBatch(Message message) {
        List<BatchItem<BalanceAdjust>> items = batches.items(message, BalanceAdjust.class);
        List<Ledger.Entry> entries = new ArrayList<>(items.size());
        items.forEach(item -> entries.add(new Ledger.Entry(item.messageId(), item.message())));
        Ledger.BatchResult result = transactions.inOne(() -> {
            Ledger.BatchResult applied = ledger.applyAll(entries);
            settlements.reportAll(completions(items, applied));
            return applied;
        });
        for (Ledger.Rejection rejection : result.rejected()) {
            BatchItem<BalanceAdjust> item = items.get(rejection.index());
            deadLetters.rejectItem(DOMAIN, item.messageId(), MessageType.BALANCE_ADJUST.wireName(), rejection.error(), item.message());
        }
        List<BatchItem<?>> changed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchItem<BalanceAdjust> item = items.get(i);
            result.changes().get(i).ifPresent(change -> changed.add(new BatchItem<>(item.messageId(), item.correlationId(), item.createdAt(), change)));
        }
        applied.add(changed.size());
        message.setHeader(CrystalHeaders.BATCH_REJECTED, result.rejected().size());
        message.setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_CHANGED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.removeHeaders("Content-*");
        message.setBody(new Batch(changed));
    }

    /** The settlements the batch completes: every settlement adjustment not rejected, applied now or before. */
    private static List<SettlementStatus> completions(List<BatchItem<BalanceAdjust>> items, Ledger.BatchResult result) {
        boolean[] rejected = new boolean[items.size()];
        result.rejected().forEach(rejection -> rejected[rejection.index()] = true);
        List<SettlementStatus> completions = new ArrayList<>(items.size());
        long now = Clock.nowMicros();
        for (int i = 0; i < items.size(); i++) {
            BatchItem<BalanceAdjust> item = items.get(i);
            if (!rejected[i] && item.message().completesSettlement()) {
                completions.add(completion(item.message(), item.createdAt() == null ? now : item.createdAt(), now));
            }
        }
        return completions;
    }

    private static SettlementStatus completion(BalanceAdjust adjustment, long acceptedAt, long now) {
        return SettlementStatus.completed(adjustment.reference(), adjustment.customerId(), acceptedAt, now, adjustment.amount());
    }

    /** Adjustments applied since start (always counted, also with metrics off: the benchmark reads it). */
    public long appliedCount() {
        return applied.sum();
    }

    public Ledger ledger() {
        return ledger;
    }
}
