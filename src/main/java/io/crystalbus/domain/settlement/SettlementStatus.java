package io.crystalbus.domain.settlement;

/**
 * Where a wager's settlement stands, for {@code GET /api/v1/settlements/{wagerId}}.
 *
 * @param acceptedAtMicros  when the wager entered the bus (epoch microseconds)
 * @param completedAtMicros when its balance change was applied, 0 while settling
 */
public record SettlementStatus(String wagerId, String customerId, State state, long acceptedAtMicros,
                               long completedAtMicros, long balanceDelta) {

    public enum State {
        SETTLING, COMPLETED
    }

    /** Ingress to completion in microseconds, or -1 while settling. */
    public long durationMicros() {
        return state == State.COMPLETED ? completedAtMicros - acceptedAtMicros : -1;
    }

    SettlementStatus completed(long atMicros, long delta) {
        return new SettlementStatus(wagerId, customerId, State.COMPLETED, acceptedAtMicros, atMicros, delta);
    }
}
