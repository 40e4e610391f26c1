package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * TLS for the bus's listeners ({@code crystal.tls.*}): one PKCS#12 keystore holding the server's key and
 * certificate, served by the API ({@code crystal.tls.api}), the management server ({@code crystal.tls.management})
 * the console ({@code crystal.tls.console}) and the embedded broker's acceptor ({@code crystal.tls.broker}), each on
 * unless switched off. The keystore password comes from
 * {@code crystal.tls.keystore-password} or the environment variable {@value #PASSWORD_ENV}, as PKCS#12 tools
 * write it the key's password too. {@link #toString()} hides it.
 */
public record ServerTls(Path keystore, String password, boolean api, boolean management, boolean console, boolean broker) {
    public static final String KEYSTORE = "crystal.tls.keystore";
    public static final String PASSWORD = "crystal.tls.keystore-password";
    public static final String PASSWORD_ENV = "CRYSTAL_TLS_KEYSTORE_PASSWORD";

    /** The TLS the settings ask for, or empty for plain HTTP everywhere. */
    public static Optional<ServerTls> from(BusSettings settings, Map<String, String> environment) {
        Optional<String> keystore = settings.string(KEYSTORE);
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        String password = settings.secret(PASSWORD, environment, PASSWORD_ENV).orElseThrow(() -> new IllegalStateException(
                KEYSTORE + " is set, but not its password: set " + PASSWORD + " or the environment variable " + PASSWORD_ENV));
        return Optional.of(new ServerTls(Path.of(keystore.get()).toAbsolutePath(), password, settings.flag("crystal.tls.api"),
                settings.flag("crystal.tls.management"), settings.flag("crystal.tls.console"), settings.flag("crystal.tls.broker")));
    }

    /** Opens the keystore, so a wrong path, password or content stops the start with a message that names it. */
    public void check() {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(KEYSTORE + " " + keystore + " cannot be read as a PKCS#12 keystore with the password given: "
                    + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KEYSTORE + " " + keystore + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(KEYSTORE + " " + keystore + " holds no private key (a server needs its key and certificate)");
    }

    /** The keystore as Camel's TLS parameters, which the Vert.x servers of Camel Main take. */
    public SSLContextParameters camelParameters() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + keystore);
        store.setType("PKCS12");
        store.setPassword(password);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(password);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keys);
        return parameters;
    }

    @Override
    public String toString() {
        return "ServerTls[keystore=" + keystore + ", password=****, api=" + api + ", management=" + management + ", console=" + console + ", broker=" + broker + "]";
    }
}
