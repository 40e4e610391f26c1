package io.crystalbus.wiring;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Fails the start when the API or management server could not open its port. Camel's Vert.x server logs a bind
 * failure (a port already in use) as a warning and starts anyway, so the bus would run with no API and say it is
 * ready; this turns that into a failed start naming the server, its address and the setting to change.
 * <p>
 * Vert.x's public {@code HttpServer} cannot tell (its {@code actualPort()} is the port asked for, bound or not);
 * its implementation's {@code isListening()} can. A Vert.x whose server is not that class is not checked.
 */
final class ListeningCheck implements StartupListener {

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            VertxPlatformHttpServer server = router.getServer();
            if (server != null && server.getServer() instanceof TCPServerBase http && !http.isListening()) {
                boolean management = router.isManagementServer();
                throw new IllegalStateException("the " + (management ? "management" : "API") + " server could not listen on "
                        + server.getHost() + ":" + server.getConfigurationPort() + ": the port is in use or not allowed (the warning above says which); "
                        + "set " + (management ? "camel.management.port" : "camel.server.port") + " to a free port");
            }
        }
    }
}
