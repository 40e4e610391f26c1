package io.crystalbus.message;

/** {@code distribution.run}: pay out the agents' accruals of one period. */
public record DistributionRunRequest(String messageId, String runId, String period) implements Inbound {

    @Override
    public void validate(Violations v) {
        v.optionalId("messageId", messageId).optionalFileSafeId("runId", runId).required("period", period);
        if (period != null) {
            v.check(Periods.isValid(period), "period", period, "must be an ISO week such as 2026-W48");
        }
    }

    public DistributionRunRequest withRunId(String id) {
        return new DistributionRunRequest(messageId, id, period);
    }

    @Override
    public String naturalKey() {
        return runId;
    }
}
