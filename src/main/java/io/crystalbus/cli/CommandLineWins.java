package io.crystalbus.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Makes a {@code key=value} of the command line win over a {@code -D} or an environment variable of the same setting,
 * as docs/configuration.md says. Camel's properties component looks at JVM system properties first, then the
 * environment ({@code CAMEL_MAIN_NAME} for {@code camel.main.name}), and only then at the overrides a {@code key=value}
 * becomes, so a {@code -D} beat it (seen by SettingsPrecedenceIT). Camel offers no mode that puts overrides first
 * without also putting {@code -D} below the files, so such a setting is made a system property with the command
 * line's value: only where {@code -D} or the environment sets it too, so that nothing else becomes visible as a
 * system property. The command line only: a container (Karaf) passes its settings as overrides and shares its JVM.
 */
final class CommandLineWins {
    private CommandLineWins() {
    }

    static void apply(Map<String, String> settings, Map<String, String> environment) {
        settings.forEach((key, value) -> {
            if (System.getProperty(key) != null || environment.containsKey(environmentName(key))) {
                System.setProperty(key, value);
            }
        });
    }

    /** The environment variable Camel reads for a setting: upper case, dots and hyphens as underscores. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
