package io.crystalbus.domain.distributions;

import io.crystalbus.message.DistributionPayout;
import java.util.Comparator;

/**
 * An agent's commission for one period and currency: everything accrued, and the part already paid out.
 */
public record AgentAccrual(String agentId, String period, String currency, long accrued, long accruals,
                           long paid, long paidAccruals) {
    static final Comparator<AgentAccrual> ORDER = Comparator.comparing(AgentAccrual::period).thenComparing(AgentAccrual::currency);

    static AgentAccrual none(String agentId, String period, String currency) {
        return new AgentAccrual(agentId, period, currency, 0, 0, 0, 0);
    }

    public long unpaid() {
        return accrued - paid;
    }

    public long unpaidAccruals() {
        return accruals - paidAccruals;
    }

    AgentAccrual plus(long amount) {
        return new AgentAccrual(agentId, period, currency, Math.addExact(accrued, amount), accruals + 1, paid, paidAccruals);
    }

    AgentAccrual allPaid() {
        return new AgentAccrual(agentId, period, currency, accrued, accruals, accrued, accruals);
    }

    /** What this accrual has unpaid, as a payout of the run. */
    DistributionPayout payout(String runId) {
        return new DistributionPayout(runId, agentId, period, currency, unpaid(), unpaidAccruals());
    }
}
