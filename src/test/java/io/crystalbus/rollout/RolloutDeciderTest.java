package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutDeciderTest {
    private static final int KEYS = 100_000;

    private static RolloutState at(double percent) {
        return new RolloutState(true, RolloutState.basisPointsOf(percent), "customerId", "cbor", "json", null);
    }

    @ParameterizedTest(name = "{0}%")
    @ValueSource(doubles = {1.0, 10.0, 50.0})
    void thePilotShareOverDistinctKeysIsWithinHalfAPointOfThePercentage(double percent) {
        RolloutState state = at(percent);
        int pilots = 0;
        for (int i = 0; i < KEYS; i++) {
            if (state.isPilot("C-" + i)) {
                pilots++;
            }
        }
        assertThat(pilots * 100.0 / KEYS).isCloseTo(percent, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void theSameKeyAlwaysGetsTheSameGroupAndTheHashIsStable() {
        RolloutState state = at(10);
        for (int i = 0; i < 1_000; i++) {
            String key = "C-" + i;
            boolean first = state.isPilot(key);
            for (int repeat = 0; repeat < 5; repeat++) {
                assertThat(state.isPilot(new StringBuilder(key))).isEqualTo(first);
            }
        }
        // the same on every JVM and node: values pinned when the algorithm was written
        assertThat(StickyHash.of("C-42")).isEqualTo(7661250932349317975L);
        assertThat(StickyHash.bucket("C-42")).isEqualTo(7975);
        assertThat(StickyHash.bucket("W-1001")).isEqualTo(586);
        assertThat(StickyHash.bucket("")).isBetween(0, 9_999);
    }

    @Test
    void raisingThePercentageOnlyMovesKeysFromControlToPilot() {
        double[] steps = {0.01, 1, 5, 10, 25, 50, 99.99, 100};
        for (int i = 0; i < KEYS; i++) {
            String key = "C-" + i;
            boolean wasPilot = false;
            for (double percent : steps) {
                boolean pilot = at(percent).isPilot(key);
                assertThat(!wasPilot || pilot).as("key %s left the pilot when the share rose to %s%%", key, percent).isTrue();
                wasPilot = pilot;
            }
            assertThat(wasPilot).isTrue(); // 100% is everyone
        }
    }

    @Test
    void theKillSwitchAndZeroSendEverythingToControl() {
        RolloutState off = new RolloutState(false, 10_000, "customerId", "cbor", "json", null);
        RolloutState zero = at(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.isPilot("C-" + i)).isFalse();
            assertThat(zero.isPilot("C-" + i)).isFalse();
        }
        assertThat(at(10).isPilot(null)).isFalse();
    }

    @Test
    void percentagesGoInSteps() {
        assertThat(RolloutState.basisPointsOf(10.25)).isEqualTo(1025);
        assertThat(RolloutState.basisPointsOf(0.01)).isEqualTo(1);
        assertThatThrownBy(() -> RolloutState.basisPointsOf(10.005)).hasMessageContaining("steps of 0.01");
        assertThatThrownBy(() -> RolloutState.basisPointsOf(100.01)).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> RolloutState.basisPointsOf(-1)).hasMessageContaining("between 0 and 100");
    }
}
