package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The customers' cash balances. An implementation applies each adjustment exactly once per message id and
 * atomically per customer, under any number of concurrent callers; a durable one records the message id in
 * the same transaction as the balance change.
 */
public interface Ledger {

    /**
     * Applies the adjustment unless {@code messageId} was applied before.
     *
     * @return the change, or empty when the message id was already applied
     * @throws io.crystalbus.message.RejectedMessageException when the adjustment can never apply (currency
     *         differs from the account's, the balance would overflow)
     */
    Optional<BalanceChanged> apply(String messageId, BalanceAdjust adjustment);

    /** One adjustment of a batch and the message id it is applied once under. */
    record Entry(String messageId, BalanceAdjust adjustment) {
    }

    /**
     * What a batch did: the changes applied now (in entry order; an entry applied before has none) and the
     * entries that can never apply (each rejected alone: one bad entry does not hold back the rest).
     */
    record BatchResult(List<Optional<BalanceChanged>> changes, List<Rejection> rejected) {
    }

    record Rejection(int index, RejectedMessageException error) {
    }

    /**
     * Applies a batch as one ledger operation, in entry order, each message id once. This default applies
     * entry by entry, which for a ledger in memory is already one operation; a durable ledger overrides it
     * with one transaction for the whole batch.
     */
    default BatchResult applyAll(List<Entry> entries) {
        List<Optional<BalanceChanged>> changes = new ArrayList<>(entries.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            try {
                changes.add(apply(entry.messageId(), entry.adjustment()));
            } catch (RejectedMessageException e) {
                changes.add(Optional.empty());
                rejected.add(new Rejection(i, e));
            }
        }
        return new BatchResult(changes, rejected);
    }

    /** The customer's balance, or empty for a customer the ledger has never seen. */
    Optional<AccountBalance> balance(String customerId);
}
