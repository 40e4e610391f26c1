package io.crystalbus.domain.settlement;

/**
 * Where a wager's settlement stands, for {@code GET /api/v1/settlements/{wagerId}}.
 *
 * @param acceptedAtMicros  when the wager entered the bus (epoch microseconds)
 * @param completedAtMicros when its balance change was applied, 0 while settling or when rejected
 * @param reason            why it was rejected (REJECTED only), else null
 */
public record SettlementStatus(String wagerId, String customerId, State state, long acceptedAtMicros,
                               long completedAtMicros, long balanceDelta, String reason) {

    public enum State {
        SETTLING, COMPLETED, REJECTED
    }

    public static SettlementStatus settling(String wagerId, String customerId, long acceptedAtMicros) {
        return new SettlementStatus(wagerId, customerId, State.SETTLING, acceptedAtMicros, 0, 0, null);
    }

    public static SettlementStatus completed(String wagerId, String customerId, long acceptedAtMicros, long completedAtMicros, long delta) {
        return new SettlementStatus(wagerId, customerId, State.COMPLETED, acceptedAtMicros, completedAtMicros, delta, null);
    }

    public static SettlementStatus rejected(String wagerId, String customerId, long acceptedAtMicros, String reason) {
        return new SettlementStatus(wagerId, customerId, State.REJECTED, acceptedAtMicros, 0, 0, reason);
    }

    /** Ingress to completion in microseconds, or -1 unless completed. */
    public long durationMicros() {
        return state == State.COMPLETED ? completedAtMicros - acceptedAtMicros : -1;
    }

    /**
     * The status after {@code next} was reported: SETTLING never replaces a later state and a completion is
     * final, so a redelivered or repeated report changes nothing. One rule for every tracker.
     */
    public static SettlementStatus merge(SettlementStatus current, SettlementStatus next) {
        if (current == null) {
            return next;
        }
        if (current.state == State.COMPLETED || next.state == State.SETTLING) {
            return current;
        }
        return next;
    }
}
