package io.crystalbus.domain;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A concurrent map that keeps at most {@code capacity} keys and forgets the oldest first (FIFO). Written here
 * rather than taken from a cache library because a cache's eviction (Caffeine's TinyLFU, for one) may drop
 * the newest entry, and the newest keys are the ones redeliveries, retries and status queries ask for.
 */
public final class FifoMap<K, V> {
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final Queue<K> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    public FifoMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds the entry when the key is absent; true when it was added. */
    public boolean putIfAbsent(K key, V value) {
        if (entries.putIfAbsent(key, value) != null) {
            return false;
        }
        added(key);
        return true;
    }

    /** Updates the value of a present key (no effect when absent or evicted). */
    public void computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> update) {
        entries.computeIfPresent(key, update);
    }

    /** Adds or replaces; a new key counts against the capacity. */
    public void put(K key, V value) {
        if (entries.put(key, value) == null) {
            added(key);
        }
    }

    private void added(K key) {
        order.add(key);
        if (size.incrementAndGet() > capacity) {
            K oldest = order.poll();
            if (oldest != null && entries.remove(oldest) != null) {
                size.decrementAndGet();
            }
        }
    }

    public V get(K key) {
        return entries.get(key);
    }

    public boolean remove(K key) {
        if (entries.remove(key) != null) {
            order.remove(key);
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    public int size() {
        return size.get();
    }

    public java.util.Collection<V> values() {
        return entries.values();
    }
}
