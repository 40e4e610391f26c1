package io.crystalbus.message;

import java.time.Instant;

/** Wall-clock time in epoch microseconds: comparable across JVMs, fine enough for hop latencies. */
public final class Clock {
    private Clock() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
