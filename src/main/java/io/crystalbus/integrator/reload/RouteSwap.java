package io.crystalbus.integrator.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.direct.DirectConsumer;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a set of running routes by the routes of some route files while traffic flows, losing nothing:
 * the inboxes are paused ({@link InboxPause}) so no message is half-way through a channel, the old routes
 * are stopped and removed (their queued messages stay in their queues), the new ones are added, and the
 * inboxes resume. If the new routes fail to start, the previous versions are loaded back.
 */
final class RouteSwap {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSwap.class);
    // a paused inbox route has nothing in flight; only its queue would make a graceful stop wait for it
    private static final long STOP_MILLIS = 200;

    private final CamelContext context;
    private final Duration quietTimeout;

    RouteSwap(CamelContext context, Duration quietTimeout) {
        this.context = context;
        this.quietTimeout = quietTimeout;
    }

    /** Swaps {@code oldRouteIds} (those running) for the routes of {@code files}; {@code previous} on failure. */
    Set<String> swap(Collection<String> oldRouteIds, List<Resource> files, List<Resource> previous) throws Exception {
        InboxPause.keepQueues(context);
        long began = System.nanoTime();
        try (InboxPause pause = InboxPause.begin(context, quietTimeout)) {
            removeRoutes(oldRouteIds);
            Set<String> before = runningRouteIds();
            try {
                return load(files, before);
            } catch (Exception e) {
                LOG.warn("The new routes failed to start ({}); loading the previous version back", e.getMessage());
                Set<String> added = runningRouteIds();
                added.removeAll(before);
                removeRoutes(added);
                load(previous, before);
                throw e;
            }
        } finally {
            LOG.info("Inboxes paused for {} ms while routes were swapped", (System.nanoTime() - began) / 1_000_000);
        }
    }

    /**
     * Stops the routes consuming from inboxes first, then the {@code direct:} channels, each group in the
     * order a shutdown stops them (highest startupOrder first), and removes them.
     */
    private void removeRoutes(Collection<String> routeIds) throws Exception {
        List<Route> running = new ArrayList<>();
        for (String id : routeIds) {
            Route route = context.getRoute(id);
            if (route != null) {
                running.add(route);
            }
        }
        running.sort(Comparator.comparing((Route route) -> route.getConsumer() instanceof DirectConsumer)
                .thenComparing(Comparator.comparingInt(RouteSwap::startupOrder).reversed()));
        for (Route route : running) {
            if (route.getEndpoint() instanceof SedaEndpoint inbox && !inbox.getQueue().isEmpty()) {
                LOG.info("Route {} stops with {} messages in its inbox; they stay there for its new version (Camel "
                        + "logs this stop as forced: it waits for an inbox to empty)", route.getRouteId(), inbox.getQueue().size());
            }
            context.getRouteController().stopRoute(route.getRouteId(), STOP_MILLIS, TimeUnit.MILLISECONDS);
            context.removeRoute(route.getRouteId());
        }
    }

    /**
     * Updates the context with the files (their route configurations, templates and routes; the old routes are
     * removed already) and adds the files' template instances, which Camel's update alone leaves out; returns the
     * ids of the routes added.
     */
    private Set<String> load(List<Resource> files, Set<String> before) throws Exception {
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(files)) {
            builder.updateRoutesToCamelContext(context);
            builder.addTemplatedRoutesToCamelContext(context);
        }
        Set<String> added = runningRouteIds();
        added.removeAll(before);
        return added;
    }

    private Set<String> runningRouteIds() {
        Set<String> ids = new java.util.HashSet<>();
        context.getRoutes().forEach(route -> ids.add(route.getRouteId()));
        return ids;
    }

    private static int startupOrder(Route route) {
        return route.getStartupOrder() == null ? 0 : route.getStartupOrder();
    }
}
