package io.crystalbus.rollout;

import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches a message that failed on the pilot's route version (bean {@code <flow>-pilot-failed}, in the
 * {@code doCatch} of template {@code route-versions}): counts the failure for the guardrail, puts the message
 * back as it came and marks it {@code fallback}, so the domain's steps that follow handle it once. The domain's
 * steps apply each message id once, so a route version that failed after applying a message does not have it
 * applied again.
 */
public final class RouteVersionFallback implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RouteVersionFallback.class);
    private final String flow;
    private final RolloutCounts counts;
    private final Guardrail guardrail;
    private final BusMetrics metrics;

    public RouteVersionFallback(String flow, RolloutFlags flags, Guardrail guardrail, BusMetrics metrics) {
        this.flow = flow;
        this.counts = flags.counts(flow);
        this.guardrail = guardrail;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message asReceived = exchange.getProperty(RouteVersionStep.AS_RECEIVED, Message.class);
        String route = exchange.getProperty(RouteVersionStep.PILOT_ROUTE, String.class);
        // handled here: the exchange goes on as if the route version had not been called
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        exchange.removeProperty(RouteVersionStep.AS_RECEIVED);
        exchange.removeProperty(RouteVersionStep.PILOT_ROUTE);
        if (asReceived != null) {
            exchange.setMessage(asReceived);
        }
        Message message = exchange.getMessage();
        // a message the domain refuses in any version (invalid, wrong currency) says nothing about the pilot
        if (!(failure instanceof RejectedMessageException)) {
            Long sentAt = message.getHeader(CrystalHeaders.SENT_AT, Long.class);
            guardrail.record(flow, RolloutDecider.PILOT, true, sentAt == null ? 0 : Clock.nowMicros() - sentAt);
        }
        message.setHeader(CrystalHeaders.ROLLOUT_GROUP, RolloutDecider.FALLBACK);
        counts.fellBack();
        metrics.rolloutFallback(flow);
        LOG.debug("Route version {} of flow {} failed on message {}; the domain's steps handle it", route, flow,
                message.getHeader(CrystalHeaders.MESSAGE_ID), failure);
    }
}
