package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.support.TestKeystore;
import io.crystalbus.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crystal.tls.*}: a keystore that cannot serve stops the start with its reason; plain HTTP beyond loopback is warned of. */
class ServerTlsTest {

    @Test
    void noKeystoreMeansPlainHttp() {
        assertThat(ServerTls.from(TestSettings.of(Map.of()), Map.of())).isEmpty();
    }

    @Test
    void theKeystoresPasswordComesFromItsSettingOrTheEnvironmentAndIsNeverShown() {
        Map<String, String> keystoreOnly = Map.of(ServerTls.KEYSTORE, TestKeystore.path().toString());
        assertThatThrownBy(() -> ServerTls.from(TestSettings.of(keystoreOnly), Map.of()))
                .hasMessageContaining(ServerTls.PASSWORD).hasMessageContaining(ServerTls.PASSWORD_ENV);
        ServerTls tls = ServerTls.from(TestSettings.of(keystoreOnly), Map.of(ServerTls.PASSWORD_ENV, TestKeystore.PASSWORD)).orElseThrow();
        tls.check();
        assertThat(tls.api()).isTrue();
        assertThat(tls.management()).isTrue();
        assertThat(tls.console()).isTrue();
        assertThat(tls.toString()).doesNotContain(TestKeystore.PASSWORD);
    }

    @Test
    void aWrongPasswordOrAMissingFileIsNamedAtStart(@TempDir Path dir) {
        Map<String, String> wrong = Map.of(ServerTls.KEYSTORE, TestKeystore.path().toString(), ServerTls.PASSWORD, "not-it");
        assertThatThrownBy(() -> ServerTls.from(TestSettings.of(wrong), Map.of()).orElseThrow().check())
                .hasMessageContaining(ServerTls.KEYSTORE).hasMessageContaining("cannot be read");
        Map<String, String> missing = Map.of(ServerTls.KEYSTORE, dir.resolve("none.p12").toString(), ServerTls.PASSWORD, "x");
        assertThatThrownBy(() -> ServerTls.from(TestSettings.of(missing), Map.of()).orElseThrow().check())
                .hasMessageContaining("none.p12");
    }

    @Test
    void aKeystoreWithoutAPrivateKeyCannotServe(@TempDir Path dir) throws Exception {
        KeyStore full = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(TestKeystore.path())) {
            full.load(in, TestKeystore.PASSWORD.toCharArray());
        }
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        certificateOnly.setCertificateEntry("crystal-bus", full.getCertificate("crystal-bus"));
        Path file = dir.resolve("cert-only.p12");
        try (var out = Files.newOutputStream(file)) {
            certificateOnly.store(out, "secret".toCharArray());
        }
        Map<String, String> settings = Map.of(ServerTls.KEYSTORE, file.toString(), ServerTls.PASSWORD, "secret");
        assertThatThrownBy(() -> ServerTls.from(TestSettings.of(settings), Map.of()).orElseThrow().check())
                .hasMessageContaining("no private key");
    }

    @Test
    void everyListenerThatServesPlainHttpBeyondLoopbackIsWarnedOf() {
        Map<String, String> values = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.host", "0.0.0.0",
                "camel.management.enabled", "true", "camel.management.host", "10.1.2.3",
                "crystal.console.enabled", "true", "crystal.console.host", "127.0.0.1"));
        assertThat(ServerTlsSetup.plainHttpBeyondLoopback(TestSettings.of(values), Optional.empty()))
                .hasSize(2).anySatisfy(w -> assertThat(w).startsWith("API on 0.0.0.0 serves plain HTTP"))
                .anySatisfy(w -> assertThat(w).startsWith("Management server on 10.1.2.3 serves plain HTTP").contains(ServerTls.KEYSTORE));
        values.put("crystal.broker.listen", "tcp://0.0.0.0:61616?protocols=CORE");
        assertThat(ServerTlsSetup.plainHttpBeyondLoopback(TestSettings.of(values), Optional.empty()))
                .hasSize(3).anySatisfy(w -> assertThat(w).startsWith("Broker acceptor on 0.0.0.0 speaks plain TCP"));
        values.put("crystal.console.host", "192.168.1.5");
        Optional<ServerTls> apiAndConsole = Optional.of(new ServerTls(TestKeystore.path(), TestKeystore.PASSWORD, true, false, true, true));
        assertThat(ServerTlsSetup.plainHttpBeyondLoopback(TestSettings.of(values), apiAndConsole))
                .singleElement().satisfies(w -> assertThat(w).startsWith("Management server"));
    }
}
