package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import io.crystalbus.wiring.settings.DeadLetterSettings;
import io.crystalbus.wiring.settings.DomainSettings;
import io.crystalbus.wiring.settings.InputSettings;
import io.crystalbus.wiring.settings.ObservabilitySettings;
import io.crystalbus.wiring.settings.RolloutSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.Registry;

/**
 * Every bean the route files call by name, built area by area from the settings read into records (each area's
 * class binds its own beans), in the order they need each other: codecs, observability, dead letters, rollout,
 * domains, then the API's beans.
 */
public final class BusBeans {
    final ObservabilitySettings observability;
    final CodecBeans codecs;
    final ObservabilityBeans observe;
    final DeadLetterBeans deadLetters;
    final RolloutBeans rollout;
    final DomainBeans domains;
    private final IngressBeans ingress;
    private final CamelContext context;
    private final Map<String, Object> bound = new HashMap<>();

    public BusBeans(BusSettings settings, CamelContext context) {
        this.context = context;
        InputSettings input = InputSettings.from(settings);
        observability = ObservabilitySettings.from(settings);
        codecs = new CodecBeans(input);
        observe = new ObservabilityBeans(observability, settings, context, codecs.mappers);
        deadLetters = new DeadLetterBeans(DeadLetterSettings.from(settings), observe.metrics, codecs.mappers.json(), observe.mask);
        rollout = new RolloutBeans(RolloutSettings.from(settings), settings, codecs.wire, codecs.mappers, observe.metrics);
        domains = new DomainBeans(DomainSettings.from(settings), DomainStores.of(settings), observe.metrics);
        ingress = new IngressBeans(input, settings);
    }

    /** Binds every area's beans into the registry, and keeps an index of them by name ({@link #bean}). */
    public void bindTo(Registry registry) {
        BiConsumer<String, Object> bind = (name, bean) -> {
            registry.bind(name, bean);
            bound.put(name, bean);
        };
        codecs.bindTo(bind);
        observe.bindTo(bind);
        deadLetters.bindTo(bind);
        rollout.bindTo(bind);
        domains.bindTo(bind, codecs.batches, deadLetters.deadLetters);
        ingress.bindTo(bind, context, codecs.mappers, observe, deadLetters.deadLetters, domains, rollout.flags);
    }

    /**
     * A bean by name, for embedding and tests: also after the bus stopped, when Camel has cleared its registry (a
     * test reads the ledger after a stop to check what the stop left).
     */
    public <T> T bean(String name, Class<T> type) {
        return type.cast(bound.get(name));
    }

    /** The services the bus starts and stops with itself: the store's database, the dead-letter journals. */
    public List<Service> services() {
        List<Service> services = new ArrayList<>();
        domains.stores.database().ifPresent(services::add);
        services.addAll(deadLetters.journals);
        return services;
    }

    public io.crystalbus.observe.BusMetrics metrics() {
        return observe.metrics;
    }
}
