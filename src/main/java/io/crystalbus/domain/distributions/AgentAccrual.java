package io.crystalbus.domain.distributions;

/**
 * An agent's commission for one period and currency: everything accrued, and the part already paid out.
 */
public record AgentAccrual(String agentId, String period, String currency, long accrued, long accruals,
                           long paid, long paidAccruals) {

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
}
