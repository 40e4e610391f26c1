package io.crystalbus.domain.settlement;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.Periods;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.message.SettlementCompleted;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The settlement domain's handler (bean {@code settlement}). {@link #settle} turns a settled wager into its
 * follow-up messages, which the route sends to the other domains' inboxes; the balance change is always the
 * last one, so when it is applied every follow-up has been accepted: balance records the settlement completed
 * with the balance change, and {@link #completed} announces it. {@link #settleBatch} does the same for a batch
 * of wagers, one batch of follow-ups per type.
 */
public final class SettlementService {
    public static final String DOMAIN = "settlement";
    private final SettlementRules rules;
    private final SettlementTracker tracker;
    private final AccountCurrencies currencies;
    private final Batches batches;
    private final DeadLetters deadLetters;
    private final BusMetrics metrics;
    private final LongAdder completedCount = new LongAdder();

    public SettlementService(SettlementRules rules, SettlementTracker tracker, AccountCurrencies currencies, Batches batches,
                             DeadLetters deadLetters, BusMetrics metrics) {
        this.rules = rules;
        this.tracker = tracker;
        this.currencies = currencies;
        this.batches = batches;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** A message a settled wager leads to, and the suffix its id gets from the wager's id. */
    private record FollowUp(Object body, String type, String idSuffix) {
    }

    /** The body becomes the list of follow-up messages, each with its envelope. */
    public void settle(Message message) {
        WagerSettled wager = Envelope.body(message, WagerSettled.class);
        long createdAt = Envelope.createdAtMicros(message);
        List<FollowUp> planned;
        List<SettlementStatus> reports = new ArrayList<>(1);
        try {
            planned = settle(wager, createdAt, currencies::require, reports);
        } finally {
            tracker.reportAll(reports);
        }
        List<Message> followUps = new ArrayList<>(2);
        for (FollowUp followUp : planned) {
            Message next = new DefaultMessage(message.getExchange().getContext());
            next.setBody(followUp.body());
            Envelope.followUp(message, next, DOMAIN, followUp.type(), followUp.idSuffix());
            followUps.add(next);
        }
        message.setBody(followUps);
    }

    /**
     * A batch of settled wagers (by reference or as a frame): the body becomes one batch of follow-ups per
     * message type, commissions and free play before the balance changes (so, as for one wager, a wager's
     * balance change is accepted last). A wager that breaks a rule becomes a dead letter; the rest go on.
     */
    public void settleBatch(Message message) {
        List<BatchItem<WagerSettled>> wagers = batches.items(message, WagerSettled.class);
        Map<String, List<BatchItem<?>>> byType = new LinkedHashMap<>();
        byType.put(MessageType.COMMISSION_ACCRUED.wireName(), new ArrayList<>(wagers.size()));
        List<BatchItem<?>> balanceChanges = new ArrayList<>(wagers.size());
        List<WagerSettled> all = new ArrayList<>(wagers.size());
        wagers.forEach(item -> all.add(item.message()));
        Consumer<WagerSettled> sameCurrency = currencies.of(all)::require;
        List<SettlementStatus> reports = new ArrayList<>(wagers.size());
        int rejected = 0;
        for (BatchItem<WagerSettled> item : wagers) {
            long createdAt = item.createdAt() == null ? Clock.nowMicros() : item.createdAt();
            WagerSettled wager = item.message();
            List<FollowUp> followUps;
            try {
                followUps = settle(wager, createdAt, sameCurrency, reports);
            } catch (RejectedMessageException e) {
                deadLetters.rejectItem(DOMAIN, item.messageId(), MessageType.WAGER_SETTLED.wireName(), e, wager);
                rejected++;
                continue;
            }
            for (FollowUp followUp : followUps) {
                BatchItem<?> next = new BatchItem<>(item.messageId() + "/" + followUp.idSuffix(), item.correlationId(), createdAt, followUp.body());
                boolean balance = MessageType.BALANCE_ADJUST.wireName().equals(followUp.type());
                (balance ? balanceChanges : byType.computeIfAbsent(followUp.type(), t -> new ArrayList<>())).add(next);
            }
        }
        byType.put(MessageType.BALANCE_ADJUST.wireName(), balanceChanges);
        // recorded before any follow-up leaves: a completion can never arrive ahead of its settling
        tracker.reportAll(reports);
        List<Message> followUps = new ArrayList<>(byType.size());
        byType.forEach((type, items) -> {
            if (!items.isEmpty()) {
                Message next = new DefaultMessage(message.getExchange().getContext());
                next.setBody(new Batch(items));
                next.setHeader(CrystalHeaders.BATCH_SIZE, items.size());
                Envelope.followUp(message, next, DOMAIN, type, type);
                followUps.add(next);
            }
        });
        message.setHeader(CrystalHeaders.BATCH_REJECTED, rejected);
        message.setBody(followUps);
    }

    /**
     * The wager's follow-ups, once it is checked against everything that can refuse it: its fields, and the
     * currency of the customer's account (and, for a free-play wager, of the free-play credit). A wager in another
     * currency than the customer holds is refused whole, before any follow-up (no commission accrues for it).
     */
    private List<FollowUp> settle(WagerSettled wager, long createdAtMicros, Consumer<WagerSettled> sameCurrency,
                                  List<SettlementStatus> reports) {
        wager.requireValid();
        try {
            sameCurrency.accept(wager);
        } catch (RejectedMessageException e) {
            reports.add(SettlementStatus.rejected(wager.wagerId(), wager.customerId(), createdAtMicros, e.getMessage()));
            throw e;
        }
        reports.add(SettlementStatus.settling(wager.wagerId(), wager.customerId(), createdAtMicros));
        SettlementPlan plan = rules.plan(wager);
        List<FollowUp> followUps = new ArrayList<>(2);
        if (plan.commission() != 0) {
            CommissionAccrued accrued = new CommissionAccrued(wager.agentId(), wager.customerId(), wager.wagerId(),
                    wager.currency(), plan.commission(), Periods.of(wager.settledAt()));
            followUps.add(new FollowUp(accrued, MessageType.COMMISSION_ACCRUED.wireName(), "commission"));
        }
        if (plan.freePlay() != null) {
            followUps.add(new FollowUp(plan.freePlay(), plan.freePlay().action().wireName(), "freeplay"));
        } else {
            BalanceAdjust adjust = new BalanceAdjust(wager.customerId(), wager.currency(), plan.cashCredit(),
                    AdjustReason.SETTLEMENT, wager.wagerId());
            followUps.add(new FollowUp(adjust, MessageType.BALANCE_ADJUST.wireName(), "balance"));
        }
        return followUps;
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

    /** The completion message; its status was recorded by balance, with the balance change. */
    private SettlementCompleted complete(BalanceChanged changed, long acceptedAt) {
        long now = Clock.nowMicros();
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
