package io.crystalbus.domain.distributions;

import io.crystalbus.message.DistributionPayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A distribution run and, once paid, its payouts.
 *
 * @param totals the sum of the payouts per currency
 */
public record PayoutRun(String runId, String period, State state, List<DistributionPayout> payouts,
                        Map<String, Long> totals) {

    public enum State {
        /** Requested, not yet handled. */
        ACCEPTED,
        /** Its payouts are recorded and its accruals marked paid; its files are being written (again after a failure). */
        WRITING,
        /** Its files are on disk. */
        COMPLETED
    }

    public static PayoutRun of(String runId, String period, State state, List<DistributionPayout> payouts) {
        return new PayoutRun(runId, period, state, List.copyOf(payouts), totalsOf(payouts));
    }

    public PayoutRun in(State next) {
        return new PayoutRun(runId, period, next, payouts, totals);
    }

    /** The sum of payouts per currency (a run's, or one payout file's). */
    public static Map<String, Long> totalsOf(List<DistributionPayout> payouts) {
        Map<String, Long> totals = new TreeMap<>();
        payouts.forEach(p -> totals.merge(p.currency(), p.amount(), Math::addExact));
        return totals;
    }
}
