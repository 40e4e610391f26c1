package io.crystalbus.config;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code crystal.*} settings, read through Camel's properties component so that the same
 * code reads {@code application.properties} under Camel Main and Configuration Admin (over the bundle's
 * {@code application.properties}) under OSGi. Defaults live in that file only ({@code docs/configuration.md}).
 */
public final class BusSettings {
    private final PropertiesComponent properties;

    public BusSettings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public Optional<String> string(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * A {@code camel.*} setting as Camel reads it: unset or blank is Camel's own default, which a check of what
     * Camel will do (bind beyond loopback, serve without TLS) must assume.
     */
    public String camel(String key, String camelsDefault) {
        return string(key).orElse(camelsDefault);
    }

    public boolean camelFlag(String key, boolean camelsDefault) {
        return string(key).map(Boolean::parseBoolean).orElse(camelsDefault);
    }

    /**
     * A secret from its setting, else from the environment variable (so it need not appear on a command line);
     * blank counts as unset.
     */
    public Optional<String> secret(String key, Map<String, String> environment, String environmentVariable) {
        return string(key).or(() -> Optional.ofNullable(environment.get(environmentVariable)).filter(v -> !v.isBlank()));
    }

    /**
     * A setting that must have a value. Every default is in the jar's {@code application.properties} (and, under
     * Karaf, the bundle's), never a second time in Java: an unset one means that file is not the bus's.
     */
    public String text(String key) {
        return string(key).orElseThrow(() -> new IllegalStateException("setting " + key
                + " has no value; the jar's application.properties gives every setting its default"));
    }

    /**
     * The key of a setting scoped to a flow or a domain: {@code crystal.<area>.<scope>.<name>} when set, else
     * {@code crystal.<area>.default.<name>} (e.g. {@code crystal.queue.balance.size}, else
     * {@code crystal.queue.default.size}).
     */
    public String scopedKey(String area, String scope, String name) {
        String key = "crystal." + area + "." + scope + "." + name;
        return string(key).isPresent() ? key : "crystal." + area + ".default." + name;
    }

    public int integer(String key) {
        long value = longValue(key);
        if (value != (int) value) {
            throw new IllegalArgumentException("setting " + key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    public long longValue(String key) {
        String value = text(key);
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

    public boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** A flag that may be unset (e.g. {@code crystal.trace.<route>}, one per route): unset is false. */
    public boolean flagIfSet(String key) {
        return string(key).isPresent() && flag(key);
    }

    public double decimal(String key) {
        String value = text(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a number, not '" + value + "'", e);
        }
    }

    /** A comma-separated list setting, trimmed, empty entries dropped; unset or blank is the empty list. */
    public java.util.Set<String> names(String key) {
        return java.util.Arrays.stream(string(key).orElse("").split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** {@code crystal.durable}: nothing accepted is lost (the jms transport and the jdbc store unless set otherwise). */
    public boolean durable() {
        return flag("crystal.durable");
    }
}
