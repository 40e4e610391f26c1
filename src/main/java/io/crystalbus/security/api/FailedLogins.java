package io.crystalbus.security.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Slows down guessing: after {@code freeFailures} failed logins from one address, that address is refused
 * without a check for a while that doubles with each further failure (1 s, 2 s, 4 s ... up to {@code maxLockout}).
 * A success clears the address. Refusing rather than sleeping keeps a guesser from holding server threads.
 * Addresses are kept in a bounded cache, so a flood of sources cannot grow memory.
 */
public final class FailedLogins {
    private static final int MAX_ADDRESSES = 100_000;
    private final int freeFailures;
    private final long maxLockoutNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, State> byAddress;

    private static final class State {
        int failures;
        long lockedUntil;
    }

    public FailedLogins(int freeFailures, Duration maxLockout, LongSupplier nanoTime) {
        this.freeFailures = freeFailures;
        this.maxLockoutNanos = maxLockout.toNanos();
        this.nanoTime = nanoTime;
        this.byAddress = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(maxLockout.multipliedBy(2).plusMinutes(1)).build();
    }

    /** Seconds the address must still wait before it may try again; 0 when it may try now. */
    public long waitSeconds(String address) {
        State state = byAddress.getIfPresent(address);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            long left = state.lockedUntil - nanoTime.getAsLong();
            return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
        }
    }

    public void failed(String address) {
        State state = byAddress.get(address, a -> new State());
        synchronized (state) {
            state.failures++;
            int over = state.failures - freeFailures;
            if (over > 0) {
                long lockout = Math.min(maxLockoutNanos, Duration.ofSeconds(1).toNanos() << Math.min(over - 1, 30));
                state.lockedUntil = nanoTime.getAsLong() + lockout;
            }
        }
    }

    public void succeeded(String address) {
        byAddress.invalidate(address);
    }
}
