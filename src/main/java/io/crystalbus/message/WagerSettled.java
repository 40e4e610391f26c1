package io.crystalbus.message;

import java.time.Instant;

/** {@code wager.settled}: a wager's result, from the sportsbook. Amounts are minor units of {@code currency}. */
public record WagerSettled(
        String messageId,
        String wagerId,
        String customerId,
        String agentId,
        String currency,
        Long stake,
        Long payout,
        Outcome outcome,
        Boolean freePlay,
        Instant settledAt) implements Inbound {

    @Override
    public void validate(Violations v) {
        v.optionalId("messageId", messageId)
                .id("wagerId", wagerId)
                .id("customerId", customerId)
                .id("agentId", agentId)
                .currency("currency", currency)
                .amount("stake", stake, 0)
                .amount("payout", payout, 0)
                .required("outcome", outcome)
                .required("settledAt", settledAt);
        if (outcome == Outcome.WIN && stake != null && payout != null) {
            v.check(payout >= stake, "payout", payout, "must be at least the stake (" + stake + ") on a WIN");
        }
    }

    public boolean isFreePlay() {
        return Boolean.TRUE.equals(freePlay);
    }

    @Override
    public String naturalKey() {
        return wagerId;
    }
}
