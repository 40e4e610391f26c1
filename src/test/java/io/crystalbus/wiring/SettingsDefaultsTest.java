package io.crystalbus.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.batch.BatchSettings;
import io.crystalbus.config.BusSettings;
import io.crystalbus.flow.Flow;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.support.TestSettings;
import io.crystalbus.wiring.settings.DeadLetterSettings;
import io.crystalbus.wiring.settings.DomainSettings;
import io.crystalbus.wiring.settings.InputSettings;
import io.crystalbus.wiring.settings.ObservabilitySettings;
import io.crystalbus.wiring.settings.RolloutSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Every default lives in application.properties, once: the Java reads settings without defaults of its own. */
class SettingsDefaultsTest {
    // a setting read by name with one of BusSettings' getters, which take no default
    private static final Pattern READ = Pattern.compile("\\.(integer|longValue|decimal|flag|text|names)\\(\"((?:crystal|camel)\\.[a-zA-Z0-9.-]+)\"\\)");

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SettingsDefaultsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everySettingTheJavaReadsByNameHasItsDefaultInApplicationProperties() throws IOException {
        Properties shipped = shipped();
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                try {
                    Matcher matcher = READ.matcher(Files.readString(file));
                    while (matcher.find()) {
                        read.add(matcher.group(2));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(read).as("the scan finds the settings read").hasSizeGreaterThan(30)
                .contains("crystal.settlement.commission-bps", "crystal.codec.max-nesting-depth", "crystal.api.login.free-failures");
        assertThat(read).allSatisfy(key -> assertThat(shipped.getProperty(key)).as(key + " in application.properties").isNotBlank());
    }

    @Test
    void everyAreaReadsItsRecordFromTheShippedDefaults() {
        BusSettings settings = TestSettings.of(Map.of());
        assertThat(DomainSettings.from(settings)).isEqualTo(new DomainSettings(500, 1_000_000, 100_000, 1_000_000));
        assertThat(InputSettings.from(settings).limits().maxNestingDepth()).isEqualTo(32);
        assertThat(DeadLetterSettings.from(settings).refused().capacity()).isEqualTo(1_000);
        assertThat(DeadLetterSettings.from(settings).refused().directory()).get().asString().endsWith("refused");
        assertThat(ObservabilitySettings.from(settings).traceMask()).containsExactly("customerId", "agentId", "Authorization");
        assertThat(RolloutSettings.from(settings).guardrail().minSamples()).isEqualTo(100);
        RolloutFlags flags = new RolloutFlags(settings);
        assertThat(flags.get("balance").pilot()).as("balance's own").isEqualTo("cbor");
        assertThat(flags.get("free-play").pilot()).as("the default's").isEqualTo("json");
        assertThat(flags.get("free-play").control()).as("unset: the transport's wire mode").isEqualTo("object");
        for (Flow flow : Flow.channelledFlows()) {
            assertThat(BatchSettings.of(settings, flow.id()).maxSize()).isEqualTo(500);
        }
    }

    @Test
    void aFlowsOwnSettingWinsOverTheDefaultScope() {
        BusSettings settings = TestSettings.of(Map.of("crystal.rollout.distributions.percent", "12.5"));
        assertThat(settings.scopedKey("queue", "balance", "consumers")).isEqualTo("crystal.queue.balance.consumers");
        assertThat(settings.scopedKey("queue", "settlement", "consumers")).isEqualTo("crystal.queue.default.consumers");
        assertThat(new RolloutFlags(settings).get("distributions").percent()).isEqualTo(12.5);
    }

    @Test
    void aSettingWithoutAValueIsAClearErrorNotASilentDefault() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            BusSettings bare = new BusSettings(context.getPropertiesComponent());
            assertThatThrownBy(() -> DomainSettings.from(bare)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("crystal.settlement.commission-bps").hasMessageContaining("application.properties");
        }
        BusSettings typo = TestSettings.of(Map.of("crystal.metrics.enabled", "ture", "crystal.api.max-items", "lots"));
        assertThatThrownBy(() -> ObservabilitySettings.from(typo)).hasMessageContaining("crystal.metrics.enabled must be true or false");
        assertThatThrownBy(() -> InputSettings.from(typo)).hasMessageContaining("crystal.api.max-items must be a whole number");
    }
}
