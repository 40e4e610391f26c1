package io.crystalbus.message;

/** {@code distribution.payout}: what one agent is paid for one period by one run. */
public record DistributionPayout(
        String runId,
        String agentId,
        String period,
        String currency,
        long amount,
        long accruals) {
}
