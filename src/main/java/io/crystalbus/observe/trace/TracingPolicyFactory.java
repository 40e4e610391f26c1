package io.crystalbus.observe.trace;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/** Gives every route a policy that hands each message entering it to the tracer while the route is traced. */
public final class TracingPolicyFactory implements RoutePolicyFactory {
    private final MessageTracer tracer;

    public TracingPolicyFactory(MessageTracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        MessageTracer.Switch traced = tracer.switchOf(routeId);
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route route, Exchange exchange) {
                if (traced.on) {
                    tracer.log(routeId, traced, exchange);
                }
            }
        };
    }
}
