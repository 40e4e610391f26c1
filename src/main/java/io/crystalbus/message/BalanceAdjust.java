package io.crystalbus.message;

/**
 * {@code balance.adjust}: change a customer's cash balance by {@code amount} (may be zero or negative).
 *
 * @param reason    why the balance changes
 * @param reference what caused it: the wager id of a settlement, the collection id of a collection
 */
public record BalanceAdjust(
        String customerId,
        String currency,
        long amount,
        AdjustReason reason,
        String reference) {

    public enum AdjustReason {
        /** The cash result of a settled wager: applying it completes the settlement. */
        SETTLEMENT,
        /** A deposit or payment received by collections. */
        COLLECTION
    }

    public boolean completesSettlement() {
        return reason == AdjustReason.SETTLEMENT;
    }
}
