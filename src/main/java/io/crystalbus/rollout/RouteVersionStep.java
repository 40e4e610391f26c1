package io.crystalbus.rollout;

import io.crystalbus.message.CrystalHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The first step of a flow's route versions (bean {@code <flow>-route-version}, template {@code route-versions}):
 * for a pilot message while the flow's pilot is a route version and on, names that route in the exchange
 * property {@code CrystalPilotRoute} and keeps a copy of the message as it came, for the domain's steps should
 * the route version fail ({@link RouteVersionFallback}). Read at the domain, not at the channel, so a pilot
 * switched off (kill switch, guardrail) takes effect for the pilot messages already waiting in the inbox.
 * An exchange property rather than a header: a message cannot bring it from outside.
 */
public final class RouteVersionStep implements Processor {
    public static final String PILOT_ROUTE = "CrystalPilotRoute";
    static final String AS_RECEIVED = "CrystalPilotAsReceived";
    private final String flow;
    private final RolloutFlags flags;

    public RouteVersionStep(String flow, RolloutFlags flags) {
        this.flow = flow;
        this.flags = flags;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!RolloutDecider.PILOT.equals(message.getHeader(CrystalHeaders.ROLLOUT_GROUP))) {
            return;
        }
        RolloutState state = flags.get(flow);
        String route = state.pilotRoute();
        if (route == null) {
            // the pilot is a wire mode or batching, which the domain's steps read as any other
            return;
        }
        if (!state.enabled()) {
            // decided before the pilot was switched off: the domain's steps handle it, as a control message
            message.setHeader(CrystalHeaders.ROLLOUT_GROUP, RolloutDecider.CONTROL);
            return;
        }
        exchange.setProperty(AS_RECEIVED, message.copy());
        exchange.setProperty(PILOT_ROUTE, route);
    }
}
