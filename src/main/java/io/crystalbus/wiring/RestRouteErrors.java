package io.crystalbus.wiring;

import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;

/**
 * Gives every route of the API's {@code rest:} block the shared HTTP error handling ({@code http-errors}: a
 * problem document, the right status, a dead-letter record for a refused body), as Camel adds it. A rest verb
 * cannot name a route configuration, and without one a failing bean would answer Camel's plain-text 500.
 */
final class RestRouteErrors extends ModelLifecycleStrategySupport {
    static final String CONFIGURATION = "http-errors";

    @Override
    public void onAddRouteDefinition(RouteDefinition definition) {
        if (definition.isCreatedFromRest() && definition.getRouteConfigurationId() == null) {
            definition.setRouteConfigurationId(CONFIGURATION);
        }
    }
}
