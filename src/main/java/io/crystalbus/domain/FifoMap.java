package io.crystalbus.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A concurrent map that keeps about {@code capacity} keys and forgets the oldest first (FIFO). Written here
 * rather than taken from a cache library because a cache's eviction (Caffeine's TinyLFU, for one) may drop
 * the newest entry, and the newest keys are the ones redeliveries, retries and status queries ask for.
 *
 * <p>A large map is split into {@value #STRIPES} stripes by key hash, each an insertion-ordered map under its
 * own lock that forgets its own oldest key past {@code capacity / STRIPES}: one hash lookup per operation and
 * no separate order queue (a concurrent map plus a queue of keys cost a third of the settlement flow's CPU in
 * a profile). Keys spread evenly over the stripes, so the keys remembered are the newest {@code capacity}
 * give or take the spread of the stripes' shares (about 2% at a million keys). A small map is one stripe: exact.
 */
public final class FifoMap<K, V> {
    private static final int STRIPE_BITS = 6;
    static final int STRIPES = 1 << STRIPE_BITS;
    private static final int STRIPED_FROM = STRIPES * 1024;
    private final Stripe<K, V>[] stripes;

    @SuppressWarnings("unchecked")
    public FifoMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        int count = capacity >= STRIPED_FROM ? STRIPES : 1;
        stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe<>((capacity + count - 1) / count);
        }
    }

    /**
     * By the top bits of the hash times the golden ratio: the stripe's own hash table indexes by the low
     * bits, and stripes chosen by those would leave it one bucket in {@value #STRIPES} (a profile showed every
     * bucket a tree).
     */
    private Stripe<K, V> stripe(Object key) {
        if (stripes.length == 1) {
            return stripes[0];
        }
        return stripes[(key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS)];
    }

    /** Adds the entry when the key is absent; true when it was added. */
    public boolean putIfAbsent(K key, V value) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.putIfAbsent(key, value) == null;
        }
    }

    /** Updates the value of a present key (no effect when absent or evicted). */
    public void computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> update) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            stripe.computeIfPresent(key, update);
        }
    }

    /** Sets the key's value from its current one (null when absent); a new key counts against the capacity. */
    public void compute(K key, BiFunction<? super K, ? super V, ? extends V> update) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            stripe.compute(key, update);
        }
    }

    /** Adds or replaces; a new key counts against the capacity (a replaced one keeps its place). */
    public void put(K key, V value) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            stripe.put(key, value);
        }
    }

    public V get(K key) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.get(key);
        }
    }

    public boolean remove(K key) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.remove(key) != null;
        }
    }

    public int size() {
        int size = 0;
        for (Stripe<K, V> stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    /** A snapshot of the values. */
    public Collection<V> values() {
        List<V> values = new ArrayList<>();
        for (Stripe<K, V> stripe : stripes) {
            synchronized (stripe) {
                values.addAll(stripe.values());
            }
        }
        return values;
    }

    /** Insertion order, and the eldest entry dropped as a new one makes the stripe overfull. */
    private static final class Stripe<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        Stripe(int capacity) {
            super(16, 0.75f, false);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }
}
