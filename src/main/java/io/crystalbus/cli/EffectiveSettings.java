package io.crystalbus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every {@code crystal.*} and {@code camel.*} setting with the value the bus would run with and where it came from,
 * highest precedence first: {@code key=value}, {@code -D}, the environment ({@code CAMEL_*} for {@code camel.*}),
 * the installation's file ({@code -Dcrystal.config}), the jar's {@code application.properties}. Read by hand
 * because Camel's properties component tells the value of a setting but not which source gave it.
 */
final class EffectiveSettings {
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token).*");
    private static final String MASK = "********";

    /** One setting: its value as the bus reads it (placeholders unresolved), and its source. */
    record Setting(String key, String value, String source) {
        String shown() {
            return SECRET.matcher(key).matches() && !value.isBlank() ? MASK : value;
        }
    }

    private EffectiveSettings() {
    }

    static Map<String, Setting> of(Map<String, String> arguments, Properties system, Map<String, String> environment) throws IOException {
        Map<String, Setting> settings = new TreeMap<>();
        put(settings, jarDefaults(), "application.properties (jar)");
        Optional<String> configFile = Optional.ofNullable(system.getProperty(io.crystalbus.CrystalBus.CONFIG_FILE)).filter(f -> !f.isBlank());
        if (configFile.isPresent()) {
            put(settings, load(Path.of(configFile.get())), configFile.get());
        }
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("CAMEL_")) {
                fromEnvironment.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        put(settings, fromEnvironment, "environment");
        Map<String, String> fromSystem = new LinkedHashMap<>();
        system.stringPropertyNames().stream().filter(EffectiveSettings::ours).forEach(name -> fromSystem.put(name, system.getProperty(name)));
        put(settings, fromSystem, "-D");
        put(settings, arguments, "key=value");
        return settings;
    }

    private static boolean ours(String key) {
        return key.startsWith("crystal.") || key.startsWith("camel.");
    }

    private static void put(Map<String, Setting> settings, Map<String, String> values, String source) {
        values.forEach((key, value) -> {
            if (ours(key)) {
                settings.put(key, new Setting(key, value.trim(), source));
            }
        });
    }

    private static Map<String, String> jarDefaults() throws IOException {
        try (InputStream in = EffectiveSettings.class.getResourceAsStream("/application.properties")) {
            return asMap(in == null ? new Properties() : read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return asMap(read(in));
        }
    }

    private static Properties read(Reader in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return properties;
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
