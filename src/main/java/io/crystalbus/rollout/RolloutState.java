package io.crystalbus.rollout;

import java.util.Locale;

/**
 * One flow's flag, immutable (a change swaps the whole state, so a message never sees half of one).
 *
 * @param enabled         false is the kill switch: everything takes the control path
 * @param basisPoints     the pilot share in 0.01% steps, 0..10000
 * @param key             the message field the share is sticky by, e.g. {@code customerId}
 * @param pilot           the wire mode under trial on the pilot path, e.g. {@code cbor}
 * @param control         the channel's current wire mode, e.g. {@code json}
 * @param trippedReason   why the guardrail switched the pilot off, or null
 */
public record RolloutState(boolean enabled, int basisPoints, String key, String pilot, String control, String trippedReason) {
    public static final int BUCKETS = 10_000;

    public RolloutState {
        if (basisPoints < 0 || basisPoints > BUCKETS) {
            throw new IllegalArgumentException("percent must be between 0 and 100 in steps of 0.01");
        }
        key = key == null ? "customerId" : key;
        pilot = pilot == null ? "json" : pilot.toLowerCase(Locale.ROOT);
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

    /** True when this key's messages take the pilot path. Allocation-free: one hash and two comparisons. */
    public boolean isPilot(CharSequence keyValue) {
        return enabled && basisPoints > 0 && keyValue != null && StickyHash.bucket(keyValue) < basisPoints;
    }
}
