package io.crystalbus.domain.settlement;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.Periods;
import io.crystalbus.message.SettlementCompleted;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The settlement domain's handler (bean {@code settlement}). {@link #settle} turns a settled wager into its
 * follow-up messages, which the route sends to the other domains' inboxes; the balance change is always the
 * last one, so when it is applied every follow-up has been accepted and {@link #completed} closes the
 * settlement.
 */
public final class SettlementService {
    public static final String DOMAIN = "settlement";
    private final SettlementRules rules;
    private final SettlementTracker tracker;

    private final BusMetrics metrics;
    private final java.util.concurrent.atomic.LongAdder completedCount = new java.util.concurrent.atomic.LongAdder();

    public SettlementService(SettlementRules rules, SettlementTracker tracker, BusMetrics metrics) {
        this.rules = rules;
        this.tracker = tracker;
        this.metrics = metrics;
    }

    /** The body becomes the list of follow-up messages, each with its envelope. */
    public void settle(Message message) {
        WagerSettled wager = Envelope.body(message, WagerSettled.class);
        wager.requireValid();
        SettlementPlan plan = rules.plan(wager);
        tracker.settling(wager.wagerId(), wager.customerId(), Envelope.createdAtMicros(message));

        List<Message> followUps = new ArrayList<>(2);
        if (plan.commission() != 0) {
            CommissionAccrued accrued = new CommissionAccrued(wager.agentId(), wager.customerId(), wager.wagerId(),
                    wager.currency(), plan.commission(), Periods.of(wager.settledAt()));
            followUps.add(followUp(message, accrued, MessageType.COMMISSION_ACCRUED.wireName(), "commission"));
        }
        if (plan.freePlay() != null) {
            followUps.add(followUp(message, plan.freePlay(), plan.freePlay().action().wireName(), "freeplay"));
        } else {
            BalanceAdjust adjust = new BalanceAdjust(wager.customerId(), wager.currency(), plan.cashCredit(),
                    AdjustReason.SETTLEMENT, wager.wagerId());
            followUps.add(followUp(message, adjust, MessageType.BALANCE_ADJUST.wireName(), "balance"));
        }
        message.setBody(followUps);
    }

    private static Message followUp(Message parent, Object body, String type, String idSuffix) {
        Message followUp = new DefaultMessage(parent.getExchange().getContext());
        followUp.setBody(body);
        Envelope.followUp(parent, followUp, DOMAIN, type, idSuffix);
        return followUp;
    }

    /**
     * The body, a {@link BalanceChanged} that completes a settlement, becomes the {@link SettlementCompleted};
     * a {@link Batch} of balance changes becomes the batch of the settlements among them that completed.
     */
    public void completed(Message message) {
        message.setHeader(CrystalHeaders.TYPE, MessageType.SETTLEMENT_COMPLETED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        if (message.getBody() instanceof Batch batch) {
            List<BatchItem<?>> completed = new ArrayList<>();
            for (BatchItem<?> item : batch.items()) {
                if (item.message() instanceof BalanceChanged changed && changed.settles() != null) {
                    long acceptedAt = item.createdAt() == null ? Clock.nowMicros() : item.createdAt();
                    completed.add(new BatchItem<>(item.messageId(), item.correlationId(), item.createdAt(), complete(changed, acceptedAt)));
                }
            }
            message.setBody(new Batch(completed));
            return;
        }
        message.setBody(complete(Envelope.body(message, BalanceChanged.class), Envelope.createdAtMicros(message)));
    }

    private SettlementCompleted complete(BalanceChanged changed, long acceptedAt) {
        long now = Clock.nowMicros();
        tracker.completed(changed.reference(), changed.customerId(), acceptedAt, now, changed.delta());
        metrics.settlementCompleted(now - acceptedAt);
        completedCount.increment();
        return new SettlementCompleted(changed.reference(), changed.customerId(), changed.currency(),
                changed.delta(), changed.balance(), now - acceptedAt);
    }

    /** Settlements completed since start (always counted, also with metrics off: the benchmark reads it). */
    public long completedCount() {
        return completedCount.sum();
    }

    public SettlementTracker tracker() {
        return tracker;
    }
}
