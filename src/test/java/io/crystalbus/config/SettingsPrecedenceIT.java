package io.crystalbus.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.CrystalBus;
import io.crystalbus.support.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which setting wins where several property sources set it, in the jar as users run it (a process of its own,
 * so that its environment can be set): key=value over -D over the environment (CAMEL_* for camel.*) over the
 * installation's file (-Dcrystal.config) over application.properties in the jar, as docs/configuration.md says.
 * Read back from what the running bus does: an inbox's capacity gauge, the context's name on every Camel meter.
 */
class SettingsPrecedenceIT {

    @Test
    void keyValueBeatsSystemPropertiesWhichBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheJar(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, """
                camel.main.name = from-file
                crystal.queue.balance.size = 1001
                crystal.queue.free-play.size = 1001
                crystal.queue.distributions.size = 1001
                """);
        List<String> systemProperties = List.of("-D" + CrystalBus.CONFIG_FILE + "=" + file, "-Dcamel.main.name=from-d",
                "-Dcrystal.queue.balance.size=1002", "-Dcrystal.queue.free-play.size=1002");
        try (JarProcess bus = JarProcess.bus(Files.createDirectories(dir.resolve("one")), systemProperties, Map.of("CAMEL_MAIN_NAME", "from-env"),
                "crystal.queue.balance.size=1003")) {
            String scrape = bus.management("/observe/metrics");
            assertThat(scrape).contains("crystal_inbox_capacity{domain=\"balance\"} 1003.0")    // key=value over -D and the file
                    .contains("crystal_inbox_capacity{domain=\"free-play\"} 1002.0")              // -D over the file
                    .contains("crystal_inbox_capacity{domain=\"distributions\"} 1001.0")          // the file over the jar
                    .contains("crystal_inbox_capacity{domain=\"settlement\"} 10000.0")            // the jar's
                    .contains("camelContext=\"from-d\"");                                        // -D over the environment
        }
        try (JarProcess bus = JarProcess.bus(Files.createDirectories(dir.resolve("two")), List.of("-D" + CrystalBus.CONFIG_FILE + "=" + file),
                Map.of("CAMEL_MAIN_NAME", "from-env"))) {
            assertThat(bus.management("/observe/metrics")).contains("camelContext=\"from-env\"")   // the environment over the file
                    .doesNotContain("camelContext=\"from-file\"");
        }
        try (JarProcess bus = JarProcess.bus(Files.createDirectories(dir.resolve("three")), List.of("-D" + CrystalBus.CONFIG_FILE + "=" + file),
                Map.of("CAMEL_MAIN_NAME", "from-env"), "camel.main.name=from-key-value")) {
            assertThat(bus.management("/observe/metrics")).contains("camelContext=\"from-key-value\"");  // key=value over the environment
        }
    }
}
