package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
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

    /** The customer's balance, or empty for a customer the ledger has never seen. */
    Optional<AccountBalance> balance(String customerId);
}
