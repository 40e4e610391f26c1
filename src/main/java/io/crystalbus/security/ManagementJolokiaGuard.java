package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import io.vertx.core.http.HttpHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Puts {@link JolokiaOrigins} in front of the management server's Jolokia ({@code camel.management.jolokiaPath}).
 * The server makes its router only as it starts, so the check is added then, before any route starts.
 */
public final class ManagementJolokiaGuard extends MainListenerSupport {

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        if (!settings.camelFlag("camel.management.enabled", false) || !settings.camelFlag("camel.management.jolokiaEnabled", false)) {
            return;
        }
        JolokiaOrigins origins = JolokiaOrigins.from(settings);
        try {
            context.addStartupListener((started, alreadyStarted) -> guard(started, origins));
        } catch (Exception e) {
            throw new IllegalStateException("cannot guard Jolokia: " + e.getMessage(), e);
        }
    }

    private static void guard(CamelContext context, JolokiaOrigins origins) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            throw new IllegalStateException("Jolokia is enabled but its server was not found to guard; it does not start unguarded");
        }
        String prefix = server.getJolokiaPath();
        server.getRouter().route(prefix + "*").order(-1000).handler(request -> {
            String path = request.request().path();
            String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
            origins.refusal(request.request().method().name(), rest, request.request().getHeader(HttpHeaders.ORIGIN))
                    .ifPresentOrElse(reason -> request.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                            .end(reason + "\n"), request::next);
        });
    }
}
