package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.store.Accounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The customers' cash balances: each adjustment applied exactly once per message id and atomically per
 * customer, under any number of concurrent callers, on {@link Accounts} in memory or in the durable store.
 */
public final class Ledger {
    public static final String SCOPE = "balance";
    private final Accounts accounts;

    public Ledger(Accounts accounts) {
        this.accounts = accounts;
    }

    /** One adjustment of a batch and the message id it is applied once under. */
    public record Entry(String messageId, BalanceAdjust adjustment) {
    }

    /**
     * What a batch did: the changes applied now (in entry order; an entry applied before has none) and the
     * entries that can never apply (each rejected alone: one bad entry does not hold back the rest).
     */
    public record BatchResult(List<Optional<BalanceChanged>> changes, List<Rejection> rejected) {
    }

    public record Rejection(int index, RejectedMessageException error) {
    }

    /**
     * Applies the adjustment unless {@code messageId} was applied before.
     *
     * @return the change, or empty when the message id was already applied
     * @throws RejectedMessageException when the adjustment can never apply (currency differs from the account's,
     *         the balance would overflow)
     */
    public Optional<BalanceChanged> apply(String messageId, BalanceAdjust adjustment) {
        Accounts.Outcome outcome = accounts.apply(change(messageId, adjustment));
        if (outcome.rejected() != null) {
            throw outcome.rejected();
        }
        return outcome.applied() ? Optional.of(changed(adjustment, outcome)) : Optional.empty();
    }

    /** Applies a batch as one operation (one transaction in the durable store), in entry order, each message id once. */
    public BatchResult applyAll(List<Entry> entries) {
        List<Accounts.Change> changes = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            changes.add(change(entry.messageId(), entry.adjustment()));
        }
        List<Accounts.Outcome> outcomes = accounts.applyAll(changes);
        List<Optional<BalanceChanged>> applied = new ArrayList<>(entries.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Accounts.Outcome outcome = outcomes.get(i);
            BalanceAdjust adjustment = entries.get(i).adjustment();
            if (outcome.rejected() != null) {
                rejected.add(new Rejection(i, outcome.rejected()));
            }
            applied.add(outcome.applied() ? Optional.of(changed(adjustment, outcome)) : Optional.empty());
        }
        return new BatchResult(applied, rejected);
    }

    private static Accounts.Change change(String messageId, BalanceAdjust adjustment) {
        return new Accounts.Change(messageId, adjustment.customerId(), (customer, before) -> after(before, adjustment));
    }

    private static BalanceChanged changed(BalanceAdjust adjustment, Accounts.Outcome outcome) {
        return new BalanceChanged(adjustment.customerId(), adjustment.currency(), adjustment.amount(), outcome.after().value(),
                adjustment.reason(), adjustment.reference());
    }

    /** A customer's first adjustment opens the account in its currency; later ones must be in that currency. */
    private static Accounts.Amount after(Accounts.Amount before, BalanceAdjust adjustment) {
        if (before == null) {
            return new Accounts.Amount(adjustment.currency(), adjustment.amount());
        }
        if (!before.currency().equals(adjustment.currency())) {
            throw new RejectedMessageException("currency-mismatch", "customer " + adjustment.customerId() + " holds "
                    + before.currency() + ", the adjustment is in " + adjustment.currency());
        }
        try {
            return new Accounts.Amount(before.currency(), Math.addExact(before.value(), adjustment.amount()));
        } catch (ArithmeticException overflow) {
            throw new RejectedMessageException("overflow", "balance of " + adjustment.customerId() + " would overflow");
        }
    }

    /** The customer's balance, or empty for a customer the ledger has never seen. */
    public Optional<AccountBalance> balance(String customerId) {
        return accounts.get(customerId).map(amount -> new AccountBalance(customerId, amount.currency(), amount.value()));
    }

    /** The currency of the customer's account, or null for a customer without one. */
    public String currencyOf(String customerId) {
        return accounts.currencyOf(customerId);
    }

    /** The currency of each customer's account (null for one without), read at once for a batch. */
    public Function<String, String> currencies(Collection<String> customerIds) {
        return accounts.currencies(customerIds);
    }
}
