package io.crystalbus.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code key=value} arguments (a leading {@code --} allowed) as the settings that override application.properties. */
final class Settings {
    private Settings() {
    }

    static Map<String, String> of(List<String> arguments, CommandSpec spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0 || argument.substring(0, eq).replaceFirst("^--", "").isEmpty()) {
                throw new ParameterException(spec.commandLine(), "expected a setting key=value, got '" + argument + "'");
            }
            values.put(argument.substring(0, eq).replaceFirst("^--", ""), argument.substring(eq + 1));
        }
        return values;
    }
}
