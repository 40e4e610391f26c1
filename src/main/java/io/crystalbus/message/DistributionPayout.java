package io.crystalbus.message;

import java.util.Comparator;

/** {@code distribution.payout}: what one agent is paid for one period by one run. */
public record DistributionPayout(
        String runId,
        String agentId,
        String period,
        String currency,
        long amount,
        long accruals) {

    /** The order of a run's payouts (and so of its files): by agent, then currency. */
    public static final Comparator<DistributionPayout> ORDER =
            Comparator.comparing(DistributionPayout::agentId).thenComparing(DistributionPayout::currency);
}
