package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import io.crystalbus.security.api.ApiSecurity;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the operator login in front of every path of the management server (metrics, health, Jolokia) when
 * {@link AuthenticationPolicy} asks for it, before the server starts: the API's guard with the operator account as
 * the only login (checked in memory, failed logins slowed down; Camel's own Basic login would read a users file
 * holding the password in plain text). Fails closed: a login it cannot install stops the start.
 */
public final class ManagementSecurity extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementSecurity.class);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        if (!settings.camelFlag("camel.management.enabled", false)) {
            return;
        }
        String host = settings.camel("camel.management.host", "0.0.0.0");
        Optional<AdminCredentials> credentials = new AuthenticationPolicy(settings, System.getenv())
                .credentialsFor("camel.management.host", host);
        if (credentials.isEmpty()) {
            return;
        }
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the management server needs a login but was not found to guard; it does not start unguarded");
        }
        EveryPathHandler.install(server.getConfiguration().getAuthenticationConfig(), ApiSecurity.operatorOnly(credentials.get(), settings));
        LOG.info("Management server on {} requires a login (user {})", host, credentials.get().user());
    }
}
