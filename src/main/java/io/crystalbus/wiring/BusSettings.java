package io.crystalbus.wiring;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code crystal.*} settings, read through Camel's properties component so that the same
 * code reads {@code application.properties} under Camel Main and Configuration Admin under OSGi. Each
 * default here is the documented default ({@code docs/configuration.md}).
 */
public final class BusSettings {
    private final PropertiesComponent properties;

    public BusSettings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public Optional<String> string(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /**
     * A secret from its setting, else from the environment variable (so it need not appear on a command line);
     * blank counts as unset.
     */
    public Optional<String> secret(String key, Map<String, String> environment, String environmentVariable) {
        return string(key).or(() -> Optional.ofNullable(environment.get(environmentVariable)).filter(v -> !v.isBlank()));
    }

    public int integer(String key, int defaultValue) {
        return string(key).map(v -> parse(key, v)).map(Long::intValue).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return string(key).map(v -> parse(key, v)).orElse(defaultValue);
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** Registers a property unless it is set already (so a configured value always wins). */
    public void defaultProperty(String key, String value) {
        if (properties.resolveProperty(key).isEmpty()) {
            properties.addOverrideProperty(key, value);
        }
    }

    public boolean flag(String key, boolean defaultValue) {
        return string(key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    public double decimal(String key, double defaultValue) {
        return string(key).map(Double::parseDouble).orElse(defaultValue);
    }

    /** A comma-separated list setting, trimmed, empty entries dropped. */
    public java.util.Set<String> names(String key, String defaultValue) {
        return java.util.Arrays.stream(string(key, defaultValue).split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** {@code crystal.durable}: nothing accepted is lost (the jms transport and the jdbc store unless set otherwise). */
    public boolean durable() {
        return flag("crystal.durable", false);
    }

    /** crystal-bus's own meters; off only to measure their cost. */
    public boolean metricsEnabled() {
        return flag("crystal.metrics.enabled", true);
    }

    public int commissionBps() {
        return integer("crystal.settlement.commission-bps", 500);
    }

    public int idempotencyCapacity() {
        return integer("crystal.idempotency.capacity", 1_000_000);
    }

    public int settlementStatusCapacity() {
        return integer("crystal.settlement.status-capacity", 100_000);
    }

    public int deadLetterCapacity() {
        return integer("crystal.dead-letters.capacity", 10_000);
    }

    public int retryAfterSeconds() {
        return integer("crystal.api.retry-after-seconds", 1);
    }
}
