package io.crystalbus.observe.console;

import io.crystalbus.wiring.BusSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the console listens and what it shows.
 *
 * @param connectTo another JVM's Jolokia URL (console-only mode), or empty to show this JVM
 */
public record ConsoleSettings(String host, int port, String path, Path workDir, Optional<URI> connectTo) {

    public static ConsoleSettings from(BusSettings settings, Optional<URI> connectTo) {
        return new ConsoleSettings(settings.string("crystal.console.host", "127.0.0.1"),
                settings.integer("crystal.console.port", 8090),
                settings.string("crystal.console.path", "/hawtio"),
                Path.of(settings.string("crystal.data.dir", "data"), "hawtio"),
                connectTo);
    }
}
