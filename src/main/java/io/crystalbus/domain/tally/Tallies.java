package io.crystalbus.domain.tally;

import io.crystalbus.domain.FifoMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals by book and key (bean {@code tallies}), for domains that integrators add with YAML only, e.g.
 * loyalty points per customer: {@code add('loyalty-points', ${body.customerId}, 1)}. In memory and bounded
 * ({@code crystal.tallies.capacity} keys over all books, the oldest forgotten first).
 */
public final class Tallies {
    private final FifoMap<String, AtomicLong> totals;

    public Tallies(int capacity) {
        this.totals = new FifoMap<>(capacity);
    }

    /** Adds {@code amount} to the key's total in the book; returns the new total. */
    public long add(String book, String key, long amount) {
        String id = id(book, key);
        AtomicLong total = totals.get(id);
        if (total == null) {
            totals.putIfAbsent(id, new AtomicLong());
            total = totals.get(id);
        }
        return total.addAndGet(amount);
    }

    public long total(String book, String key) {
        AtomicLong total = totals.get(id(book, key));
        return total == null ? 0 : total.get();
    }

    /** The key's total as a small document, for an API route: {@code {book, key, total}}. */
    public Map<String, Object> view(String book, String key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("book", book);
        view.put("key", key);
        view.put("total", total(book, key));
        return view;
    }

    private static String id(String book, String key) {
        if (book == null || key == null) {
            throw new IllegalArgumentException("a tally needs a book and a key, got " + book + " / " + key);
        }
        return book + '\u0000' + key;
    }
}
