package io.crystalbus.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.config.BusSettings;
import io.crystalbus.transport.Transport;
import io.crystalbus.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One setting for the durable profile, a warning when the transport is durable but the state is not, the default store. */
class DomainStoresTest {

    private static BusSettings settings(Map<String, String> values) {
        return TestSettings.of(values);
    }

    @Test
    void durableChoosesTheBrokerAndTheDatabaseUnlessTheyAreSet() throws Exception {
        assertThat(DomainStores.kind(settings(Map.of()))).isEqualTo("memory");
        assertThat(DomainStores.kind(settings(Map.of("crystal.durable", "true")))).isEqualTo("jdbc");
        assertThat(Transport.of(settings(Map.of("crystal.durable", "true")))).isEqualTo(Transport.JMS);
        assertThat(DomainStores.kind(settings(Map.of("crystal.transport", "jms")))).isEqualTo("jdbc");
        assertThat(DomainStores.kind(settings(Map.of("crystal.durable", "true", "crystal.store", "memory")))).isEqualTo("memory");
        assertThat(Transport.of(settings(Map.of("crystal.durable", "true", "crystal.transport", "seda"))))
                .isEqualTo(Transport.SEDA);
    }

    @Test
    void aDurableTransportOverStateInMemoryIsWarnedAboutNamingWhatACrashLoses() throws Exception {
        assertThat(DomainStores.notDurableWarning(settings(Map.of("crystal.transport", "jms", "crystal.store", "memory"))))
                .hasValueSatisfying(warning -> assertThat(warning).contains("cash balances", "free-play credits", "accruals",
                        "settlement statuses", "payout runs", "crystal.store=jdbc", "crystal.durable=true"));
        assertThat(DomainStores.notDurableWarning(settings(Map.of("crystal.durable", "true")))).isEmpty();
        assertThat(DomainStores.notDurableWarning(settings(Map.of()))).isEmpty();
    }

    @Test
    void theDefaultStoreIsAnSqliteFileUnderTheDataDirectory(@TempDir Path data) {
        assertThat(DomainStores.defaultUrl(data)).isEqualTo("jdbc:sqlite:" + data.resolve("store").resolve("crystal.db").toAbsolutePath());
    }

    @Test
    void anEarlierVersionsH2StoreIsNotLeftBehindUnreadButRefused(@TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve("ledger"));
        Files.writeString(data.resolve("ledger").resolve("ledger.mv.db"), "H2");
        assertThatThrownBy(() -> DomainStores.defaultUrl(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(data.resolve("ledger").resolve("ledger.mv.db").toAbsolutePath().toString())
                .hasMessageContaining("SQLite").hasMessageContaining("docs/deployment.md");
    }
}
