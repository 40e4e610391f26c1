package io.crystalbus.domain.settlement;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.Periods;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.message.SettlementCompleted;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The settlement domain. {@link #settle} turns settled wagers into their follow-up messages, which the route
 * sends to the other domains' inboxes; the balance changes always come last, so when a wager's balance change is
 * applied every follow-up of it has been accepted: balance records the settlement completed with the balance
 * change, and {@link #completed} announces it.
 */
public final class SettlementService {
    public static final String DOMAIN = "settlement";
    private final SettlementRules rules;
    private final SettlementTracker tracker;
    private final AccountCurrencies currencies;
    private final BusMetrics metrics;
    private final LongAdder completedCount = new LongAdder();

    public SettlementService(SettlementRules rules, SettlementTracker tracker, AccountCurrencies currencies, BusMetrics metrics) {
        this.rules = rules;
        this.tracker = tracker;
        this.currencies = currencies;
        this.metrics = metrics;
    }

    /**
     * Settles the wagers (one, or a batch). Results: their follow-ups, each under its wager's id with a suffix
     * ({@code /commission}, {@code /freeplay}, {@code /balance}): every commission, then every free-play command,
     * then every balance change. A wager that breaks a rule, or is in another currency than its customer holds, is
     * refused whole, before any of its follow-ups; the rest go on. Every wager's status is recorded before any
     * follow-up leaves, so a completion can never arrive ahead of its settling.
     */
    public Handled<Object> settle(List<BatchItem<WagerSettled>> wagers) {
        List<WagerSettled> all = new ArrayList<>(wagers.size());
        wagers.forEach(item -> all.add(item.message()));
        AccountCurrencies.Known held = currencies.of(all);
        List<BatchItem<Object>> commissions = new ArrayList<>(wagers.size());
        List<BatchItem<Object>> freePlay = new ArrayList<>(0);
        List<BatchItem<Object>> balances = new ArrayList<>(wagers.size());
        List<Handled.Refused> refused = new ArrayList<>(0);
        List<SettlementStatus> reports = new ArrayList<>(wagers.size());
        try {
            for (BatchItem<WagerSettled> item : wagers) {
                long createdAt = item.createdAt() == null ? Clock.nowMicros() : item.createdAt();
                try {
                    SettlementPlan plan = plan(item.message(), createdAt, held, reports);
                    WagerSettled wager = item.message();
                    if (plan.commission() != 0) {
                        commissions.add(followUp(item, createdAt, "commission", new CommissionAccrued(wager.agentId(), wager.customerId(),
                                wager.wagerId(), wager.currency(), plan.commission(), Periods.of(wager.settledAt()))));
                    }
                    if (plan.freePlay() != null) {
                        freePlay.add(followUp(item, createdAt, "freeplay", plan.freePlay()));
                    } else {
                        balances.add(followUp(item, createdAt, "balance", new BalanceAdjust(wager.customerId(), wager.currency(),
                                plan.cashCredit(), AdjustReason.SETTLEMENT, wager.wagerId())));
                    }
                } catch (RejectedMessageException e) {
                    refused.add(new Handled.Refused(item, e));
                }
            }
        } finally {
            tracker.reportAll(reports);
        }
        commissions.addAll(freePlay);
        commissions.addAll(balances);
        return new Handled<>(commissions, refused);
    }

    private static BatchItem<Object> followUp(BatchItem<WagerSettled> wager, long createdAt, String idSuffix, Object body) {
        return new BatchItem<>(wager.messageId() + "/" + idSuffix, wager.correlationId(), createdAt, body);
    }

    /**
     * The wager's plan, once it is checked against everything that can refuse it: its fields, and the currency
     * of the customer's account (and, for a free-play wager, of the free-play credit). A wager in another currency
     * than the customer holds is refused whole, before any follow-up (no commission accrues for it).
     */
    private SettlementPlan plan(WagerSettled wager, long createdAtMicros, AccountCurrencies.Known held, List<SettlementStatus> reports) {
        wager.requireValid();
        try {
            held.require(wager);
        } catch (RejectedMessageException e) {
            reports.add(SettlementStatus.rejected(wager.wagerId(), wager.customerId(), createdAtMicros, e.getMessage()));
            throw e;
        }
        reports.add(SettlementStatus.settling(wager.wagerId(), wager.customerId(), createdAtMicros));
        return rules.plan(wager);
    }

    /**
     * The balance changes (one, or a batch) that complete a settlement become its {@link SettlementCompleted},
     * under the change's envelope; the others are no one's completion and give nothing.
     */
    public Handled<SettlementCompleted> completed(List<BatchItem<BalanceChanged>> changes) {
        List<BatchItem<SettlementCompleted>> completed = new ArrayList<>(changes.size());
        for (BatchItem<BalanceChanged> item : changes) {
            if (item.message().settles() != null) {
                long acceptedAt = item.createdAt() == null ? Clock.nowMicros() : item.createdAt();
                completed.add(new BatchItem<>(item.messageId(), item.correlationId(), item.createdAt(), complete(item.message(), acceptedAt)));
            }
        }
        return new Handled<>(completed, List.of());
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
