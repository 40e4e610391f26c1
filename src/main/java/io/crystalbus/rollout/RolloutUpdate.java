package io.crystalbus.rollout;

import java.util.Set;

/**
 * A change to a flow's flag, from the admin API or JMX: any field left null keeps its value.
 *
 * @param percent the pilot share, 0..100 in steps of 0.01
 * @param pilot   the wire mode under trial: object, json, yaml, cbor or batch (balance and distributions)
 */
public record RolloutUpdate(Boolean enabled, Double percent, String pilot, String control, String key) {
    public static final Set<String> MODES = Set.of("object", "json", "yaml", "cbor", "batch");

    /** The new state, or an IllegalArgumentException naming the field that is wrong. */
    public RolloutState applyTo(RolloutState current) {
        if (pilot != null && !MODES.contains(pilot)) {
            throw new IllegalArgumentException("pilot: must be one of " + MODES + ", not '" + pilot + "'");
        }
        if (control != null && !MODES.contains(control)) {
            throw new IllegalArgumentException("control: must be one of " + MODES + ", not '" + control + "'");
        }
        if (key != null && !key.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("key: must be a message field name such as customerId");
        }
        int basisPoints;
        try {
            basisPoints = percent == null ? current.basisPoints() : RolloutState.basisPointsOf(percent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("percent: " + e.getMessage(), e);
        }
        boolean on = enabled == null ? current.enabled() : enabled;
        return new RolloutState(on, basisPoints, key == null ? current.key() : key, pilot == null ? current.pilot() : pilot,
                control == null ? current.control() : control, on ? null : current.trippedReason());
    }
}
