package io.crystalbus.observe;

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

    public InboxMonitor(CamelContext context) {
        this.context = context;
    }

    public void registerGauges(MeterRegistry registry) {
        for (String domain : Inboxes.DOMAINS) {
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
        return seda == null ? 0 : seda.getCurrentQueueSize();
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
        for (String domain : Inboxes.DOMAINS) {
            endpoints.put(domain, context.getEndpoint(context.resolvePropertyPlaceholders(Inboxes.placeholder(domain))));
        }
        return endpoints;
    }
}
