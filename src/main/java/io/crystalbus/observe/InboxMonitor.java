package io.crystalbus.observe;

import io.crystalbus.flow.Flow;
import io.crystalbus.transport.Inboxes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Depth, capacity and fill of each domain inbox, for the gauges, the readiness check and the alerts. Knows
 * which endpoints are inboxes, so the hop timer can tell an inbox from any other endpoint.
 */
public final class InboxMonitor {
    private final CamelContext context;
    private volatile Map<String, String> domainByEndpointKey;
    private volatile Map<String, SedaEndpoint> sedaByDomain;
    // messages waiting in a broker queue by its name, when the inboxes are on the embedded broker
    private volatile java.util.function.ToLongFunction<String> brokerQueueDepth;

    public InboxMonitor(CamelContext context) {
        this.context = context;
    }

    public void registerGauges(MeterRegistry registry) {
        for (String domain : Flow.ids()) {
            Gauge.builder(BusMetrics.INBOX_DEPTH, () -> depth(domain)).tag("domain", domain)
                    .description("Messages waiting in the domain's inbox").register(registry);
            Gauge.builder(BusMetrics.INBOX_CAPACITY, () -> capacity(domain)).tag("domain", domain)
                    .description("Capacity of the domain's inbox").register(registry);
            Gauge.builder(BusMetrics.INBOX_FILL, () -> fill(domain)).tag("domain", domain)
                    .description("Depth / capacity of the domain's inbox (0..1)").register(registry);
        }
    }

    public int depth(String domain) {
        SedaEndpoint seda = sedaEndpoints().get(domain);
        if (seda != null) {
            // getQueue, not getCurrentQueueSize: the endpoint gets its queue when it starts, the management server
            // (readiness, metrics) answers before that, and getCurrentQueueSize then throws; getQueue takes the
            // component's queue for the endpoint, the same one the endpoint's start takes
            return seda.getQueue().size();
        }
        java.util.function.ToLongFunction<String> broker = brokerQueueDepth;
        return broker == null ? 0 : (int) Math.min(Integer.MAX_VALUE, broker.applyAsLong(Inboxes.jmsQueue(domain)));
    }

    /**
     * Counts the inboxes on a broker queue by name (the embedded broker's counts); a broker inbox has no capacity
     * (it pages to disk), so its fill stays 0 and the alert on fill watches SEDA inboxes only.
     */
    public void countBrokerQueues(java.util.function.ToLongFunction<String> depthOfQueue) {
        this.brokerQueueDepth = depthOfQueue;
    }

    public int capacity(String domain) {
        SedaEndpoint seda = sedaEndpoints().get(domain);
        return seda == null ? 0 : seda.getSize();
    }

    public double fill(String domain) {
        int capacity = capacity(domain);
        return capacity <= 0 ? 0 : (double) depth(domain) / capacity;
    }

    /** The domain whose inbox this endpoint URI names, or null. */
    public String domainOf(String endpointUri) {
        return endpointUri == null ? null : domainOf(context.hasEndpoint(endpointUri));
    }

    /** The domain whose inbox this endpoint is, or null. */
    public String domainOf(Endpoint endpoint) {
        return endpoint == null ? null : endpointKeys().get(endpoint.getEndpointKey());
    }

    private Map<String, String> endpointKeys() {
        Map<String, String> keys = domainByEndpointKey;
        if (keys == null) {
            keys = new java.util.HashMap<>();
            for (Map.Entry<String, Endpoint> inbox : resolve().entrySet()) {
                keys.put(inbox.getValue().getEndpointKey(), inbox.getKey());
            }
            domainByEndpointKey = keys;
        }
        return keys;
    }

    private Map<String, SedaEndpoint> sedaEndpoints() {
        Map<String, SedaEndpoint> seda = sedaByDomain;
        if (seda == null) {
            seda = new LinkedHashMap<>();
            for (Map.Entry<String, Endpoint> inbox : resolve().entrySet()) {
                if (inbox.getValue() instanceof SedaEndpoint endpoint) {
                    seda.put(inbox.getKey(), endpoint);
                }
            }
            sedaByDomain = seda;
        }
        return seda;
    }

    private Map<String, Endpoint> resolve() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String domain : Flow.ids()) {
            endpoints.put(domain, context.getEndpoint(context.resolvePropertyPlaceholders(Inboxes.placeholder(domain))));
        }
        return endpoints;
    }
}
