package io.crystalbus.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Per-route meters read at scrape time from the statistics Camel's management layer already keeps for JMX and
 * Hawtio: exchanges total, succeeded, failed, in flight and their processing time, under the names and tags of
 * camel-micrometer's route policy ({@code camel_exchanges_total}, {@code camel_exchanges_failed_total},
 * {@code camel_exchanges_inflight}, {@code camel_route_policy_seconds_count} and {@code _sum}), so dashboards made
 * for it fit. Nothing runs on the message path: no route policy (about +30% CPU per settlement), no event notifier.
 * The same counts as Hawtio's, since they are the same counters.
 */
public final class RouteMeters extends LifecycleStrategySupport {
    private final MeterRegistry registry;
    private final CamelContext context;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
    /** One JMX proxy per route, made at its first scrape (the route's MBean exists only once it is started). */
    private final Map<String, ManagedRouteMBean> routes = new ConcurrentHashMap<>();

    public RouteMeters(MeterRegistry registry, CamelContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Override
    public void onRoutesAdd(Collection<Route> added) {
        added.forEach(this::register);
    }

    @Override
    public void onRoutesRemove(Collection<Route> removed) {
        for (Route route : removed) {
            routes.remove(route.getId());
            List<Meter> gone = meters.remove(route.getId());
            if (gone != null) {
                gone.forEach(registry::remove);
            }
        }
    }

    public static final String ROUTE_INFO = "crystal.route.info";

    private void register(Route route) {
        String id = route.getId();
        // the names and tags of Camel's route policy, from its own naming strategy, so the two cannot drift apart
        MicrometerRoutePolicyNamingStrategy names = MicrometerRoutePolicyNamingStrategy.DEFAULT;
        Tags tags = names.getTags(route);
        List<Meter> registered = new ArrayList<>();
        registered.add(counter(names.getExchangesTotalName(route), "Total number of processed exchanges", tags, id,
                ManagedRouteMBean::getExchangesTotal));
        registered.add(counter(names.getExchangesSucceededName(route), "Number of successfully completed exchanges", tags, id,
                ManagedRouteMBean::getExchangesCompleted));
        registered.add(counter(names.getExchangesFailedName(route), "Number of failed exchanges", tags, id, ManagedRouteMBean::getExchangesFailed));
        registered.add(counter(names.getFailuresHandledName(route), "Number of failures handled", tags, id, ManagedRouteMBean::getFailuresHandled));
        registered.add(counter(names.getExternalRedeliveriesName(route), "Number of external initiated redeliveries (such as from JMS broker)",
                tags, id, ManagedRouteMBean::getExternalRedeliveries));
        registered.add(Gauge.builder(MicrometerConstants.DEFAULT_CAMEL_ROUTES_EXCHANGES_INFLIGHT, this,
                        m -> m.read(id, ManagedRouteMBean::getExchangesInflight))
                .description("Route in flight messages").tags(tags).register(registry));
        registered.add(FunctionTimer.builder(names.getName(route), this,
                        m -> (long) m.read(id, ManagedRouteMBean::getExchangesTotal),
                        m -> m.read(id, ManagedRouteMBean::getTotalProcessingTime), TimeUnit.MILLISECONDS)
                .description("Route performance metrics").tags(tags).register(registry));
        // an info series (value 1) rather than a tag on Camel's meters, whose tags stay those of Camel's route policy:
        // sum by (routeGroup) (rate(camel_exchanges_total[1m]) * on (routeId) group_left (routeGroup) crystal_route_info)
        registered.add(Gauge.builder(ROUTE_INFO, () -> 1).description("A route's group (domain, channel, api, system); always 1")
                .tags(Tags.of("routeId", id, "routeGroup", route.getGroup() == null ? "none" : route.getGroup())).register(registry));
        meters.put(id, registered);
    }

    private Meter counter(String name, String description, Tags tags, String routeId, ToDoubleFunction<ManagedRouteMBean> value) {
        return FunctionCounter.builder(name, this, m -> m.read(routeId, value)).description(description).tags(tags).register(registry);
    }

    /** 0 until the route's MBean exists (a route not started yet), and where the context has no JMX. */
    private double read(String routeId, ToDoubleFunction<ManagedRouteMBean> value) {
        ManagedRouteMBean route = routes.computeIfAbsent(routeId, id -> {
            ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            return managed == null ? null : managed.getManagedRoute(id);
        });
        return route == null ? 0 : value.applyAsDouble(route);
    }
}
