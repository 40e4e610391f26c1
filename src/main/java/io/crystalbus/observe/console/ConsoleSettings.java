package io.crystalbus.observe.console;

import io.crystalbus.security.JolokiaOrigins;
import io.crystalbus.security.ServerTls;
import io.crystalbus.config.BusSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the console listens and what it shows.
 *
 * @param connectTo another JVM's Jolokia URL (console-only mode), or empty to show this JVM
 * @param tls       the keystore it serves HTTPS from, or empty for plain HTTP
 * @param origins   the pages that may call its Jolokia
 */
public record ConsoleSettings(String host, int port, String path, Path workDir, Optional<URI> connectTo, Optional<ServerTls> tls,
                              JolokiaOrigins origins) {

    public static ConsoleSettings from(BusSettings settings, Optional<URI> connectTo) {
        return new ConsoleSettings(settings.text("crystal.console.host"),
                settings.integer("crystal.console.port"),
                settings.text("crystal.console.path"),
                Path.of(settings.text("crystal.data.dir"), "hawtio"),
                connectTo, ServerTls.from(settings, System.getenv()).filter(ServerTls::console), JolokiaOrigins.from(settings));
    }
}
