package io.crystalbus.message;

/**
 * {@code freeplay.grant}, {@code freeplay.consume} or {@code freeplay.expire}: a change to a customer's
 * free-play credit.
 *
 * @param amount    credit granted, consumed or expired (minor units); for EXPIRE, 0 expires all credit
 * @param winnings  cash won by a free-play wager, paid to the cash balance (CONSUME only; 0 otherwise)
 * @param wagerId   the settled free-play wager this command belongs to, or null when it comes from the API
 */
public record FreePlayCommand(
        String messageId,
        FreePlayAction action,
        String customerId,
        String currency,
        Long amount,
        Long winnings,
        String wagerId) implements Inbound {

    public enum FreePlayAction {
        GRANT, CONSUME, EXPIRE;

        private final String wireName = "freeplay." + name().toLowerCase(java.util.Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }

    @Override
    public void validate(Violations v) {
        v.optionalId("messageId", messageId)
                .required("action", action)
                .id("customerId", customerId)
                .currency("currency", currency)
                .amount("amount", amount, 0)
                .optionalId("wagerId", wagerId);
        if (winnings != null) {
            v.amount("winnings", winnings, 0);
        }
    }

    /** From the API: wagerId and winnings belong to settlement alone, so a caller cannot complete a settlement. */
    @Override
    public void validateRequest(Violations v) {
        validate(v);
        v.check(wagerId == null, "wagerId", wagerId, "is set by settlement only; leave it out")
                .check(winnings == null, "winnings", winnings, "is set by settlement only; leave it out");
    }

    public long winningsOrZero() {
        return winnings == null ? 0 : winnings;
    }
}
