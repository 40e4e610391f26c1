package io.crystalbus.ingress;

import io.crystalbus.config.BusSettings;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.security.EveryPathHandler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API answers only while the bus runs. Its port opens a second or two before the routes exist, and a graceful
 * stop removes the routes before it closes the port; in both gaps Vert.x would answer with an HTML 404 page or an
 * empty 503. In front of every path (before the login), this answers {@code 503} in JSON with {@code Retry-After}
 * until the context has started and again once it stops, so a client or a load balancer retries, elsewhere if it
 * can; on a stop it also closes the connection. Each such answer counts in {@code crystal_api_refused_total} as
 * {@code starting} or {@code stopping}. The log says when the bus is ready, and how long its start took.
 */
public final class ApiAvailability extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAvailability.class);
    static final int RETRY_AFTER_STARTING_SECONDS = 1;
    static final int RETRY_AFTER_STOPPING_SECONDS = 5;
    private final Supplier<BusMetrics> metrics;
    private volatile CamelContext context;
    private long beganNanos;

    public ApiAvailability(Supplier<BusMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeInitialize(BaseMainSupport main) {
        beganNanos = System.nanoTime();
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext configured = main.getCamelContext();
        MainHttpServer server = configured.hasService(MainHttpServer.class);
        if (server == null) {
            return;
        }
        context = configured;
        BusMetrics meters = metrics.get();
        EveryPathHandler.install(server.getConfiguration().getAuthenticationConfig(), request -> answer(request, meters));
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        BusSettings settings = new BusSettings(main.getCamelContext().getPropertiesComponent());
        String scheme = settings.camelFlag("camel.server.useGlobalSslContextParameters", false) ? "https" : "http";
        String api = context == null ? "no API" : "API on " + scheme + "://" + settings.camel("camel.server.host", "0.0.0.0") + ":" + settings.integer("camel.server.port");
        LOG.info("crystal-bus is ready in {} s ({})", String.format("%.1f", (System.nanoTime() - beganNanos) / 1e9), api);
    }

    private void answer(RoutingContext request, BusMetrics meters) {
        CamelContext running = context;
        if (running.isStarted()) {
            request.next();
            return;
        }
        boolean stopping = running.isStopping() || running.isStopped();
        meters.apiRefused(stopping ? "stopping" : "starting");
        var response = request.response().setStatusCode(503).putHeader("Content-Type", "application/json");
        if (stopping) {
            response.putHeader("Retry-After", String.valueOf(RETRY_AFTER_STOPPING_SECONDS)).putHeader("Connection", "close")
                    .end("{\"error\":\"the bus is stopping; retry after " + RETRY_AFTER_STOPPING_SECONDS + " s, at another node if there is one\"}");
        } else {
            response.putHeader("Retry-After", String.valueOf(RETRY_AFTER_STARTING_SECONDS))
                    .end("{\"error\":\"the bus is starting; retry after " + RETRY_AFTER_STARTING_SECONDS + " s\"}");
        }
    }
}
