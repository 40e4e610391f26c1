package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.RejectedMessageException;

/** A customer's cash balance in minor units of its currency. */
public record AccountBalance(String customerId, String currency, long balance) {

    /**
     * The account after the adjustment; a customer's first adjustment opens it ({@code before} null) in that
     * currency. Every ledger applies this one rule.
     *
     * @throws RejectedMessageException when the currency differs from the account's or the balance would overflow
     */
    static AccountBalance after(AccountBalance before, BalanceAdjust adjustment) {
        String customer = adjustment.customerId();
        if (before == null) {
            return new AccountBalance(customer, adjustment.currency(), adjustment.amount());
        }
        if (!before.currency().equals(adjustment.currency())) {
            throw new RejectedMessageException("currency-mismatch", "customer " + customer + " holds "
                    + before.currency() + ", the adjustment is in " + adjustment.currency());
        }
        try {
            return new AccountBalance(customer, before.currency(), Math.addExact(before.balance(), adjustment.amount()));
        } catch (ArithmeticException overflow) {
            throw new RejectedMessageException("overflow", "balance of " + customer + " would overflow");
        }
    }
}
