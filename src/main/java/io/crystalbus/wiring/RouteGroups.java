package io.crystalbus.wiring;

import java.util.Map;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.FileUtil;

/**
 * Puts every route in a group by the shipped file it comes from, as Camel adds its definition (at start, from a
 * template instance, on a reload): {@code domain} (the domains' routes), {@code channel} (channels, batches,
 * route versions), {@code api} (the REST DSL and the ingest routes) and {@code system} (dead letters, alerts).
 * A template's instance has no file of its own: the shipped templates name their group in the YAML. Hawtio lists
 * routes by group and {@code crystal_route_info} carries it to dashboards. A route of an integrator's file is a
 * domain's unless it names its own {@code group}.
 */
final class RouteGroups extends ModelLifecycleStrategySupport {
    static final String DOMAIN = "domain";
    private static final Map<String, String> SHIPPED = Map.of(
            "ingress.camel.yaml", "api",
            "channels.camel.yaml", "channel",
            "alerts.camel.yaml", "system",
            "route-configuration.camel.yaml", "system");

    @Override
    public void onAddRouteDefinition(RouteDefinition definition) {
        if (definition.getGroup() != null) {
            return;
        }
        if (definition.isRest() != null && definition.isRest()) {
            definition.setGroup("api");
            return;
        }
        String file = definition.getResource() == null ? null : FileUtil.stripPath(definition.getResource().getLocation());
        definition.setGroup(file == null ? DOMAIN : SHIPPED.getOrDefault(file, DOMAIN));
    }
}
