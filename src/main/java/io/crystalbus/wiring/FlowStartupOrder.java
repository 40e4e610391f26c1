package io.crystalbus.wiring;

import io.crystalbus.flow.Flow;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;

/**
 * Gives each flow's routes (domain route, channel, batches) the start and stop order its declaration in
 * {@link Flow} says, as Camel adds their definitions: at start, from a template instance, and when a route file
 * is reloaded. Route files leave these orders out, so a file an integrator overrides cannot get them wrong.
 */
final class FlowStartupOrder extends ModelLifecycleStrategySupport {
    @Override
    public void onAddRouteDefinition(RouteDefinition definition) {
        Flow.startupOrderOf(definition.getRouteId()).ifPresent(definition::setStartupOrder);
    }
}
