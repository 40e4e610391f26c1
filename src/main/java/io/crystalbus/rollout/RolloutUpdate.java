package io.crystalbus.rollout;

import java.util.Set;

/**
 * A change to a flow's flag, from the admin API or JMX: any field left null keeps its value.
 *
 * @param percent the pilot share, 0..100 in steps of 0.01
 * @param pilot   what the pilot path tries: a wire mode (object, json, yaml, cbor), batch, or a route version
 *                {@code route:<id>} (a route whose input is {@code direct:<id>})
 */
public record RolloutUpdate(Boolean enabled, Double percent, String pilot, String control, String key) {
    public static final Set<String> MODES = Set.of("object", "json", "yaml", "cbor", "batch");
    private static final String ROUTE_ID = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** The new state, or an IllegalArgumentException naming the field that is wrong. */
    public RolloutState applyTo(RolloutState current) {
        if (pilot != null && !MODES.contains(pilot) && !isRouteVersion(pilot)) {
            throw new IllegalArgumentException("pilot: must be one of " + MODES + " or route:<route id>, not '" + pilot + "'");
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

    private static boolean isRouteVersion(String pilot) {
        return pilot.startsWith(RolloutState.ROUTE_PREFIX) && pilot.substring(RolloutState.ROUTE_PREFIX.length()).matches(ROUTE_ID);
    }
}
