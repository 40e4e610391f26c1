package io.crystalbus.security;

import io.crystalbus.support.TestKeystore;
import java.util.Map;

/** {@link AdminSurfacesAccessTest} with every surface on TLS from one keystore ({@code crystal.tls.*}). */
class AdminSurfacesAccessOverTlsTest extends AdminSurfacesAccessTest {

    @Override
    Map<String, String> transportSettings() {
        return TestKeystore.settings();
    }

    @Override
    String brokerUrl() {
        return acceptor + "?sslEnabled=true;trustStorePath=" + TestKeystore.truststore() + ";trustStorePassword=" + TestKeystore.PASSWORD
                + ";trustStoreType=PKCS12";
    }
}
