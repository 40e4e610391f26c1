package io.crystalbus.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/** The one Prometheus registry that Camel's metrics and crystal-bus's meters share. */
public final class MeterRegistries {
    private MeterRegistries() {
    }

    /**
     * The registry bound in Camel's registry under Camel's name, created and bound when absent (camel-micrometer
     * then takes the same one); with metrics off, a registry that records nothing.
     */
    public static MeterRegistry of(CamelContext context, boolean enabled) {
        if (!enabled) {
            return new CompositeMeterRegistry();
        }
        MeterRegistry found = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (found != null) {
            return found;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        return registry;
    }
}
