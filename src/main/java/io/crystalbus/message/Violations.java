package io.crystalbus.message;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects the broken rules of one message. The rules are few and fixed by the API contract, so they are
 * plain Java here rather than Bean Validation (which would add Hibernate Validator and an EL engine to the
 * hot path and the OSGi bundle for a dozen checks).
 */
public final class Violations {
    /** The largest amount accepted anywhere, in minor units: 10^12 (ten billion in a 2-decimal currency). */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;
    public static final int MAX_ID_LENGTH = 128;

    /** Characters an id may contain, by ASCII code; checked in a loop, as a regex matcher per id was 8% of a batched settlement's CPU. */
    private static final boolean[] ID_CHARS = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@/-".toCharArray()) {
            ID_CHARS[c] = true;
        }
    }
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final List<Violation> found = new ArrayList<>(2);

    public Violations id(String field, String value) {
        if (value == null || value.isBlank()) {
            return add(field, null, "is required");
        }
        if (value.length() > MAX_ID_LENGTH) {
            return add(field, value, "must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (!isId(value)) {
            return add(field, value, "must start with a letter or digit and contain only letters, digits and . _ : @ / -");
        }
        return this;
    }

    /** A letter or digit first, then letters, digits and {@code . _ : @ / -}. */
    private static boolean isId(String value) {
        if (!Character.isLetterOrDigit(value.charAt(0)) || value.charAt(0) >= 128) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !ID_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An id that also names files (a distribution run's payout files): letters, digits and {@code . _ -} only, a
     * letter or digit first, at most 64 characters; checked only when present.
     */
    public Violations optionalFileSafeId(String field, String value) {
        if (value == null) {
            return this;
        }
        boolean safe = !value.isEmpty() && value.length() <= 64 && value.charAt(0) < 128 && Character.isLetterOrDigit(value.charAt(0));
        for (int i = 1; safe && i < value.length(); i++) {
            char c = value.charAt(i);
            safe = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
        }
        return check(safe, field, value, "must be at most 64 letters, digits and . _ - (a letter or digit first): it names the payout files");
    }

    /** An optional id: checked only when present. */
    public Violations optionalId(String field, String value) {
        return value == null ? this : id(field, value);
    }

    public Violations currency(String field, String value) {
        if (value == null) {
            return add(field, null, "is required");
        }
        if (!CURRENCIES.contains(value)) {
            return add(field, value, "must be an ISO 4217 currency code such as USD or EUR");
        }
        return this;
    }

    public Violations amount(String field, Long value, long min) {
        if (value == null) {
            return add(field, null, "is required");
        }
        if (value < min || value > MAX_AMOUNT) {
            return add(field, value, "must be between " + min + " and " + MAX_AMOUNT + " (minor units)");
        }
        return this;
    }

    public Violations required(String field, Object value) {
        return value == null ? add(field, null, "is required") : this;
    }

    public Violations check(boolean ok, String field, Object value, String rule) {
        return ok ? this : add(field, value, rule);
    }

    public Violations add(String field, Object value, String rule) {
        found.add(Violation.of(field, value, rule));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidMessageException(found);
        }
    }
}
