package io.crystalbus.wiring;

import io.crystalbus.codec.Mappers;
import io.crystalbus.config.BusSettings;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.observe.MeterRegistries;
import io.crystalbus.observe.trace.FieldMask;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.wiring.settings.ObservabilitySettings;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;

/** The meters, the inbox depths and the message tracer. */
final class ObservabilityBeans {
    final BusMetrics metrics;
    final InboxMonitor inboxes;
    final MessageTracer tracer;
    final FieldMask mask;

    ObservabilityBeans(ObservabilitySettings observability, BusSettings settings, CamelContext context, Mappers mappers) {
        metrics = new BusMetrics(MeterRegistries.of(context, observability.metricsEnabled()));
        inboxes = new InboxMonitor(context);
        mask = new FieldMask(observability.traceMask());
        // crystal.trace.<route>: one flag per route, off unless set (a route an integrator adds is traceable too)
        tracer = new MessageTracer(mappers, observability.traceMask(), route -> settings.flagIfSet("crystal.trace." + route));
    }

    void bindTo(BiConsumer<String, Object> registry) {
        registry.accept("metrics", metrics);
        registry.accept("inboxMonitor", inboxes);
        registry.accept("tracer", tracer);
    }
}
