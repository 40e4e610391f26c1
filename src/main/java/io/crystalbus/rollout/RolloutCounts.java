package io.crystalbus.rollout;

import java.util.concurrent.atomic.LongAdder;

/**
 * One flow's rollout decisions and route-version fallbacks since the start, for its MBean: kept here as well as
 * in the meters, which record nothing when metrics are off.
 */
public final class RolloutCounts {
    private final LongAdder pilot = new LongAdder();
    private final LongAdder control = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    void decided(boolean pilotGroup, int messages) {
        (pilotGroup ? pilot : control).add(messages);
    }

    void fellBack() {
        fallbacks.increment();
    }

    public long pilotDecisions() {
        return pilot.sum();
    }

    public long controlDecisions() {
        return control.sum();
    }

    /** Messages that failed on the pilot's route version and were then handled by the domain's steps. */
    public long fallbacks() {
        return fallbacks.sum();
    }
}
