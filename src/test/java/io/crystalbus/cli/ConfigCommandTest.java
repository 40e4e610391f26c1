package io.crystalbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.CrystalBus;
import io.crystalbus.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config}: each setting's effective value and the source that gave it, in the bus's order of precedence. */
class ConfigCommandTest {

    @Test
    void everySettingShowsItsValueAndItsSourceWithSecretsMasked(@TempDir Path etc) throws Exception {
        Path file = etc.resolve("application.properties");
        Files.writeString(file, "crystal.data.dir = /srv/crystal\ncrystal.settlement.commission-bps = 700\ncrystal.admin.password = s3cret\n");
        System.setProperty(CrystalBus.CONFIG_FILE, file.toString());
        System.setProperty("crystal.queue.default.size", "123");
        try {
            Cli config = Cli.run(Map.of("CAMEL_SERVER_PORT", "9090"), prompt -> null, "config", "crystal.settlement.commission-bps=900");

            assertThat(config.exitCode()).as(config.err()).isZero();
            assertThat(config.out()).containsPattern("crystal.codec.max-nesting-depth +\\Q= 32   [application.properties (jar)]\\E")
                    .containsPattern("crystal.data.dir +\\Q= /srv/crystal   [" + file + "]\\E")
                    .containsPattern("camel.server.port +\\Q= 9090   [environment]\\E")
                    .containsPattern("crystal.queue.default.size +\\Q= 123   [-D]\\E")
                    .containsPattern("crystal.settlement.commission-bps +\\Q= 900   [key=value]\\E")
                    .containsPattern("crystal.admin.password +\\Q= ********   [" + file + "]\\E")
                    .doesNotContain("s3cret");
        } finally {
            System.clearProperty(CrystalBus.CONFIG_FILE);
            System.clearProperty("crystal.queue.default.size");
        }
    }
}
