package io.crystalbus.message;

import io.crystalbus.message.BalanceAdjust.AdjustReason;

/** {@code balance.changed}: an adjustment was applied; {@code balance} is the customer's balance after it. */
public record BalanceChanged(
        String customerId,
        String currency,
        long delta,
        long balance,
        AdjustReason reason,
        String reference) {

    /** The wager id whose settlement this change completes, or null. Read by the balance route. */
    public String settles() {
        return reason == AdjustReason.SETTLEMENT ? reference : null;
    }
}
