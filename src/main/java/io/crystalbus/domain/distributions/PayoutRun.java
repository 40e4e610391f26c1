package io.crystalbus.domain.distributions;

import io.crystalbus.message.DistributionPayout;
import java.util.List;
import java.util.Map;

/**
 * A distribution run and, once done, its payouts.
 *
 * @param totals the sum of the payouts per currency
 */
public record PayoutRun(String runId, String period, State state, List<DistributionPayout> payouts,
                        Map<String, Long> totals) {

    public enum State {
        ACCEPTED, COMPLETED
    }
}
