package io.crystalbus.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed PKCS#12 keystore for localhost and 127.0.0.1, made once per test JVM by the JDK's keytool. */
public final class TestKeystore {
    public static final String PASSWORD = "test-keystore-secret";
    private static Path keystore;

    private TestKeystore() {
    }

    public static synchronized Path path() {
        if (keystore == null) {
            try {
                Path file = Files.createTempDirectory("crystal-tls").resolve("server.p12");
                Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "crystal-bus", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                keystore = file;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keystore;
    }

    /** A PKCS#12 file with the keystore's certificate only (no key), as a client's truststore; same password. */
    public static synchronized Path truststore() {
        Path file = path().resolveSibling("trust.p12");
        if (!Files.exists(file)) {
            try (InputStream in = Files.newInputStream(path()); var out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, PASSWORD.toCharArray());
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("crystal-bus", store.getCertificate("crystal-bus"));
                trusted.store(out, PASSWORD.toCharArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }

    /** The settings that make a bus serve HTTPS from this keystore. */
    public static Map<String, String> settings() {
        return Map.of("crystal.tls.keystore", path().toString(), "crystal.tls.keystore-password", PASSWORD);
    }

    /** A client context that trusts the certificate in the keystore (and nothing else). */
    public static SSLContext trusting(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("crystal-bus", store.getCertificate("crystal-bus"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
