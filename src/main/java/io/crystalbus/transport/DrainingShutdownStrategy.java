package io.crystalbus.transport;

import io.crystalbus.flow.Flow;
import io.crystalbus.observe.InboxMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.apache.camel.spi.RouteStartupOrder;
import org.apache.camel.spi.ShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop that loses nothing answered {@code 202} on the in-memory transport. Camel's own shutdown gives up after
 * {@code camel.main.shutdown-timeout} and drops what still waits in a SEDA inbox; this one first stops the routes
 * that take messages in (the HTTP API, the file drop, timers), then waits for every inbox to drain and every
 * message in flight to finish, however long that takes, logging the depths every few seconds, and only then
 * lets Camel stop the rest (within its timeout, with nothing left to drop). On the durable transport the inboxes
 * are broker queues that keep their messages, so it drains nothing.
 */
public final class DrainingShutdownStrategy extends DefaultShutdownStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(DrainingShutdownStrategy.class);
    private static final long PROGRESS_MILLIS = 5_000;
    private final InboxMonitor inboxes;

    private DrainingShutdownStrategy(InboxMonitor inboxes) {
        this.inboxes = inboxes;
    }

    /** Replaces the context's shutdown strategy, keeping its settings (timeout, logging). */
    public static void install(CamelContext context, InboxMonitor inboxes) {
        ShutdownStrategy current = context.getShutdownStrategy();
        DrainingShutdownStrategy draining = new DrainingShutdownStrategy(inboxes);
        draining.setTimeout(current.getTimeout());
        draining.setTimeUnit(current.getTimeUnit());
        draining.setShutdownNowOnTimeout(current.isShutdownNowOnTimeout());
        draining.setShutdownRoutesInReverseOrder(current.isShutdownRoutesInReverseOrder());
        draining.setSuppressLoggingOnTimeout(current.isSuppressLoggingOnTimeout());
        draining.setLogInflightExchangesOnTimeout(current.isLogInflightExchangesOnTimeout());
        context.setShutdownStrategy(draining);
    }

    /** The whole context stops (Camel calls this from its stop; a single route's stop takes another path): drain first. */
    @Override
    public void shutdownForced(CamelContext context, List<RouteStartupOrder> routes) throws Exception {
        List<RouteStartupOrder> entries = new ArrayList<>();
        for (RouteStartupOrder route : routes) {
            if (isEntry(route.getRoute())) {
                entries.add(route);
            }
        }
        if (!entries.isEmpty() && hasSedaInboxes()) {
            LOG.info("Stopping: {} routes that take messages in stop first, then every inbox drains", entries.size());
            shutdown(context, entries, getTimeout(), getTimeUnit());
            drain(context);
        }
        super.shutdownForced(context, routes);
    }

    /** A route that takes messages in from outside: its consumer is neither an inbox nor a direct endpoint. */
    private boolean isEntry(Route route) {
        return !(route.getEndpoint() instanceof DirectEndpoint) && inboxes.domainOf(route.getEndpoint()) == null;
    }

    private boolean hasSedaInboxes() {
        return Flow.ids().stream().anyMatch(domain -> inboxes.capacity(domain) > 0);
    }

    private void drain(CamelContext context) throws InterruptedException {
        long began = System.nanoTime();
        long nextLog = 0;
        while (true) {
            Map<String, Integer> waiting = new LinkedHashMap<>();
            Flow.ids().forEach(domain -> waiting.put(domain, inboxes.depth(domain)));
            int inFlight = context.getInflightRepository().size();
            if (inFlight == 0 && waiting.values().stream().allMatch(depth -> depth == 0)) {
                LOG.info("Every inbox drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                return;
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            if (elapsed >= nextLog) {
                LOG.info("Draining the inboxes before the stop ({} s so far): waiting {}, in flight {}", elapsed / 1000, waiting, inFlight);
                nextLog = elapsed + PROGRESS_MILLIS;
            }
            Thread.sleep(20);
        }
    }
}
