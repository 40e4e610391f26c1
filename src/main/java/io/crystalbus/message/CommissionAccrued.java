package io.crystalbus.message;

/**
 * {@code commission.accrued}: an agent's commission on one settled wager. Signed: the agent shares the
 * house's result, so a winning customer gives a negative accrual.
 *
 * @param period the accrual period, an ISO week such as {@code 2026-W48}
 */
public record CommissionAccrued(
        String agentId,
        String customerId,
        String wagerId,
        String currency,
        long amount,
        String period) {
}
