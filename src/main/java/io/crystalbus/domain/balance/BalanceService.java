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
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Message;

/** The balance domain's handler (bean {@code balance}): applies adjustments to the {@link Ledger}. */
public final class BalanceService {
    public static final String DOMAIN = "balance";
    private final Ledger ledger;
    private final Batches batches;
    private final DeadLetters deadLetters;
    private final SettlementTracker settlements;
    private final LongAdder applied = new LongAdder();

    public BalanceService(Ledger ledger, SettlementTracker settlements, Batches batches, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.settlements = settlements;
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies the adjustment in the message body; the body becomes the {@link BalanceChanged}, or null when
     * the message id was applied before.
     */
    public void apply(Message message) {
        String messageId = Envelope.messageId(message);
        BalanceAdjust adjustment = Envelope.body(message, BalanceAdjust.class);
        BalanceChanged changed = ledger.apply(messageId, adjustment).orElse(null);
        if (changed != null) {
            applied.increment();
        } else {
            confirmSettled(List.of(adjustment), Envelope.createdAtMicros(message));
        }
        message.setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_CHANGED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.setBody(changed);
    }

    /**
     * Applies a batch of adjustments as one ledger operation; the body becomes a {@link Batch} of the
     * {@link BalanceChanged} applied now, each with its message's envelope. An adjustment that can never apply
     * becomes a dead letter on its own and is counted in {@code CrystalBatchRejected}.
     */
    public void applyBatch(Message message) {
        List<BatchItem<BalanceAdjust>> items = batches.items(message, BalanceAdjust.class);
        List<Ledger.Entry> entries = new ArrayList<>(items.size());
        items.forEach(item -> entries.add(new Ledger.Entry(item.messageId(), item.message())));
        Ledger.BatchResult result = ledger.applyAll(entries);
        for (Ledger.Rejection rejection : result.rejected()) {
            BatchItem<BalanceAdjust> item = items.get(rejection.index());
            deadLetters.rejectItem(DOMAIN, item.messageId(), MessageType.BALANCE_ADJUST.wireName(), rejection.error(), item.message());
        }
        List<BatchItem<?>> changed = new ArrayList<>(items.size());
        List<BalanceAdjust> before = new ArrayList<>();
        java.util.Set<Integer> refused = new java.util.HashSet<>();
        result.rejected().forEach(rejection -> refused.add(rejection.index()));
        for (int i = 0; i < items.size(); i++) {
            BatchItem<BalanceAdjust> item = items.get(i);
            Optional<BalanceChanged> change = result.changes().get(i);
            if (change.isPresent()) {
                changed.add(new BatchItem<>(item.messageId(), item.correlationId(), item.createdAt(), change.get()));
            } else if (!refused.contains(i)) {
                before.add(item.message());
            }
        }
        confirmSettled(before, Clock.nowMicros());
        applied.add(changed.size());
        message.setHeader(CrystalHeaders.BATCH_REJECTED, result.rejected().size());
        message.setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_CHANGED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.removeHeaders("Content-*");
        message.setBody(new Batch(changed));
    }

    /**
     * Adjustments applied before that complete settlements: their settlements are completed (again; a completion
     * is kept once), as the first attempt may have stopped between the ledger's commit and the settlement's status.
     */
    private void confirmSettled(List<BalanceAdjust> appliedBefore, long acceptedAt) {
        List<SettlementStatus> completions = new ArrayList<>();
        long now = Clock.nowMicros();
        for (BalanceAdjust adjustment : appliedBefore) {
            if (adjustment.completesSettlement()) {
                completions.add(SettlementStatus.completed(adjustment.reference(), adjustment.customerId(), acceptedAt, now, adjustment.amount()));
            }
        }
        settlements.reportAll(completions);
    }

    /** Adjustments applied since start (always counted, also with metrics off: the benchmark reads it). */
    public long appliedCount() {
        return applied.sum();
    }

    public Ledger ledger() {
        return ledger;
    }
}
