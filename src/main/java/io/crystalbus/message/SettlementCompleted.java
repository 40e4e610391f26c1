package io.crystalbus.message;

/**
 * {@code settlement.completed}: the wager's balance change is applied and its follow-up messages are accepted.
 *
 * @param durationMicros ingress to completion
 */
public record SettlementCompleted(
        String wagerId,
        String customerId,
        String currency,
        long balanceDelta,
        long balance,
        long durationMicros) {
}
