package io.crystalbus.observe;

import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.rollout.Guardrail;
import io.crystalbus.transport.Inboxes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Measures every route that consumes a domain inbox (its input is a {@code {{crystal.inbox.<domain>}}}
 * placeholder, so a domain an integrator adds is measured too): the hop that brought the message, the
 * message's outcome by type, and, for a message of a rollout group, its outcome for the guardrail.
 */
public final class DomainMetricsPolicyFactory implements RoutePolicyFactory {
    /**
     * The message type as the route received it (its handler may replace the header). Kept per thread rather
     * than as an exchange property: a SEDA consumer thread runs an exchange from begin to done, and a
     * property would make Camel allocate a property map for every exchange, which cost more than all the
     * meters together.
     */
    private static final ThreadLocal<String> TYPE_AT_ENTRY = new ThreadLocal<>();
    /** The batch size as the route received it, for the same reason (the handler replaces it with its results'). */
    private static final ThreadLocal<Integer> BATCH_SIZE_AT_ENTRY = new ThreadLocal<>();
    private final BusMetrics metrics;
    private final Guardrail guardrail;

    public DomainMetricsPolicyFactory(BusMetrics metrics, Guardrail guardrail) {
        this.metrics = metrics;
        this.guardrail = guardrail;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        if (node instanceof RouteDefinition route && route.getInput() != null) {
            String domain = Inboxes.domainOfPlaceholder(route.getInput().getEndpointUri());
            // a file drop (crystal.inbox.collections-files) carries files, not messages: its records are counted by the inbox they go to
            if (domain != null && !context.resolvePropertyPlaceholders(route.getInput().getEndpointUri()).startsWith("file:")) {
                return new DomainPolicy(domain);
            }
        }
        return null;
    }

    private final class DomainPolicy extends RoutePolicySupport {
        private final String domain;

        DomainPolicy(String domain) {
            this.domain = domain;
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            org.apache.camel.Message message = exchange.getMessage();
            TYPE_AT_ENTRY.set(message.getHeader(CrystalHeaders.TYPE, String.class));
            BATCH_SIZE_AT_ENTRY.set(message.getHeader(CrystalHeaders.BATCH_SIZE, Integer.class));
            Long sentAt = message.getHeader(CrystalHeaders.SENT_AT, Long.class);
            if (sentAt != null) {
                String source = message.getHeader(CrystalHeaders.SOURCE, "unknown", String.class);
                metrics.hop(source, domain, WireModes.of(message), io.crystalbus.message.Clock.nowMicros() - sentAt);
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            String outcome = exchange.isFailed() ? "failed"
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null ? "dead-letter" : "ok";
            String type = TYPE_AT_ENTRY.get();
            // cleared by set, not remove: a removed entry is allocated again at the next message's set
            TYPE_AT_ENTRY.set(null);
            if (type == null) {
                type = exchange.getMessage().getHeader(CrystalHeaders.TYPE, "unknown", String.class);
            }
            Integer batchSize = BATCH_SIZE_AT_ENTRY.get();
            BATCH_SIZE_AT_ENTRY.set(null);
            if (batchSize == null) {
                metrics.message(domain, type, outcome);
            } else {
                int rejected = exchange.getMessage().getHeader(CrystalHeaders.BATCH_REJECTED, 0, Integer.class);
                metrics.messages(domain, type, outcome, batchSize - rejected);
                if (rejected > 0) {
                    metrics.messages(domain, type, "dead-letter", rejected);
                }
            }
            String group = exchange.getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP, String.class);
            if (group != null) {
                Long sentAt = exchange.getMessage().getHeader(CrystalHeaders.SENT_AT, Long.class);
                guardrail.record(domain, group, !"ok".equals(outcome), sentAt == null ? 0 : io.crystalbus.message.Clock.nowMicros() - sentAt);
            }
        }
    }
}
