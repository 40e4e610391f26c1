package io.crystalbus.rollout;

import java.util.Locale;

/**
 * One flow's flag, immutable (a change swaps the whole state, so a message never sees half of one).
 *
 * @param enabled         false is the kill switch: everything takes the control path
 * @param basisPoints     the pilot share in 0.01% steps, 0..10000
 * @param key             the message field the share is sticky by, e.g. {@code customerId}
 * @param pilot           what the pilot path tries: a wire mode ({@code cbor}), {@code batch}, or a route version
 *                        {@code route:<id>}, which the flow's domain calls instead of its steps
 * @param control         the channel's current wire mode, e.g. {@code json}
 * @param trippedReason   why the guardrail switched the pilot off, or null
 */
public record RolloutState(boolean enabled, int basisPoints, String key, String pilot, String control, String trippedReason) {
    public static final int BUCKETS = 10_000;
    /** The prefix of a pilot that is a route version: {@code route:balance-v2} calls {@code direct:balance-v2}. */
    public static final String ROUTE_PREFIX = "route:";

    public RolloutState {
        if (basisPoints < 0 || basisPoints > BUCKETS) {
            throw new IllegalArgumentException("percent must be between 0 and 100 in steps of 0.01");
        }
        key = key == null ? "customerId" : key;
        pilot = pilot == null ? "json" : pilot.startsWith(ROUTE_PREFIX) ? pilot : pilot.toLowerCase(Locale.ROOT);
        control = control == null ? "object" : control.toLowerCase(Locale.ROOT);
    }

    public static int basisPointsOf(double percent) {
        if (Double.isNaN(percent) || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 0 and 100, not " + percent);
        }
        double scaled = percent * 100;
        long rounded = Math.round(scaled);
        if (Math.abs(scaled - rounded) > 1e-6) {
            throw new IllegalArgumentException("percent goes in steps of 0.01, not " + percent);
        }
        return (int) rounded;
    }

    public double percent() {
        return basisPoints / 100.0;
    }

    /** The share the pilot path takes now: the percentage while enabled, 0 after the kill switch or the guardrail. */
    public double effectivePercent() {
        return enabled ? percent() : 0;
    }

    /** The route version under trial, or null when the pilot is a wire mode or batching. */
    public String pilotRoute() {
        return pilot.startsWith(ROUTE_PREFIX) ? pilot.substring(ROUTE_PREFIX.length()) : null;
    }

    /**
     * The wire mode (or {@code batch}) a message of the group travels in. A route version's pilot messages travel
     * as the control's do, but one by one ({@code unbatched}, the transport's own mode, when the control
     * batches): the domain calls the route version per message.
     */
    public String modeOf(boolean pilotGroup, String unbatched) {
        if (!pilotGroup) {
            return control;
        }
        if (pilotRoute() == null) {
            return pilot;
        }
        return "batch".equals(control) ? unbatched : control;
    }

    /** True when this key's messages take the pilot path. Allocation-free: one hash and two comparisons. */
    public boolean isPilot(CharSequence keyValue) {
        return enabled && basisPoints > 0 && keyValue != null && StickyHash.bucket(keyValue) < basisPoints;
    }
}
