package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the API and management servers of Camel Main serve HTTPS from {@link ServerTls} ({@code crystal.tls.*}),
 * and warns of every listener that speaks plain HTTP (or plain TCP, the broker's acceptor) beyond loopback, where
 * its logins cross the network readable.
 * Camel's own {@code camel.ssl.*}, when set, are used as they are.
 */
public final class ServerTlsSetup extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTlsSetup.class);
    private final Map<String, String> environment;
    private Optional<ServerTls> tls = Optional.empty();

    public ServerTlsSetup(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        BusSettings settings = new BusSettings(properties);
        tls = ServerTls.from(settings, environment);
        tls.ifPresent(ServerTls::check);
        boolean api = tls.map(ServerTls::api).orElse(false);
        boolean management = tls.map(ServerTls::management).orElse(false);
        if (api) {
            properties.addOverrideProperty("camel.server.useGlobalSslContextParameters", "true");
        }
        if (management) {
            properties.addOverrideProperty("camel.management.useGlobalSslContextParameters", "true");
        }
        plainHttpBeyondLoopback(settings, tls).forEach(LOG::warn);
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        tls.filter(t -> t.api() || t.management()).ifPresent(t -> {
            if (context.getSSLContextParameters() == null) {
                context.setSSLContextParameters(t.camelParameters());
            }
            LOG.info("HTTPS from {}:{}{}", t.keystore(), t.api() ? " API" : "", t.management() ? " management server" : "");
        });
    }

    /** A warning for each enabled listener that serves plain HTTP (or TCP, the broker's) beyond loopback. */
    static List<String> plainHttpBeyondLoopback(BusSettings settings, Optional<ServerTls> tls) {
        List<String> warnings = new ArrayList<>();
        plain(settings, "API", "camel.server", tls.map(ServerTls::api).orElse(false), "0.0.0.0").ifPresent(warnings::add);
        plain(settings, "Management server", "camel.management", tls.map(ServerTls::management).orElse(false), "0.0.0.0")
                .ifPresent(warnings::add);
        plain(settings, "Console", "crystal.console", tls.map(ServerTls::console).orElse(false), "127.0.0.1").ifPresent(warnings::add);
        String listen = settings.string("crystal.broker.listen").orElse("");
        URI acceptor = listen.isBlank() ? null : URI.create(listen.split("\\?", 2)[0]);
        if (acceptor != null && settings.string("crystal.broker.url").isEmpty() && !tls.map(ServerTls::broker).orElse(false)
                && !Binds.isLoopback(acceptor.getHost())) {
            warnings.add("Broker acceptor on " + acceptor.getHost() + " speaks plain TCP beyond loopback: its login and every message cross "
                    + "the network readable. Set " + ServerTls.KEYSTORE + " (docs/security.md)");
        }
        return warnings;
    }

    private static Optional<String> plain(BusSettings settings, String surface, String prefix, boolean tls, String defaultHost) {
        boolean https = tls || settings.camelFlag(prefix + ".useGlobalSslContextParameters", false);
        String host = settings.camel(prefix + ".host", defaultHost);
        if (https || !settings.camelFlag(prefix + ".enabled", false) || Binds.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of(surface + " on " + host + " serves plain HTTP beyond loopback: its passwords and tokens cross the network "
                + "readable. Set " + ServerTls.KEYSTORE + " (a PKCS#12 keystore) and " + ServerTls.PASSWORD + " or the environment variable "
                + ServerTls.PASSWORD_ENV + " (docs/security.md)");
    }
}
