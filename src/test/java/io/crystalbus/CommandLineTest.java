package io.crystalbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void settingsAreKeyValuesAndDevTurnsOnRouteReload() {
        assertThat(CrystalBus.keyValues(new String[] {"--dev", "crystal.routes.dir=/tmp/routes", "--camel.server.port=8081"}))
                .containsExactly(
                        java.util.Map.entry("crystal.routes.reload", "true"),
                        java.util.Map.entry("crystal.routes.dir", "/tmp/routes"),
                        java.util.Map.entry("camel.server.port", "8081"));
    }

    @Test
    void anArgumentThatIsNoSettingIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> CrystalBus.keyValues(new String[] {"--verbose"}))
                .hasMessageContaining("expected key=value, got '--verbose'")
                .hasMessageContaining("usage: java -jar crystal-bus.jar");
    }
}
