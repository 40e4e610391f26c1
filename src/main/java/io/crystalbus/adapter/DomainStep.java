package io.crystalbus.adapter;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A domain route's call into its domain ({@code process: ref: <name>}): the message, single or a batch, becomes
 * the typed messages the domain service takes ({@link Deliveries}), what the service refused becomes dead letters
 * ({@link Refusals}) and its results the message or messages the route sends on ({@link Results}). Single and
 * batched messages take this one path; the domain services know nothing of Camel.
 */
public final class DomainStep<T> implements Processor {
    private final String domain;
    private final Class<T> type;
    private final Function<List<BatchItem<T>>, Handled<?>> service;
    private final Results results;
    private final Deliveries deliveries;
    private final Refusals refusals;

    public DomainStep(String domain, Class<T> type, Function<List<BatchItem<T>>, Handled<?>> service, Results results,
                      Deliveries deliveries, Refusals refusals) {
        this.domain = domain;
        this.type = type;
        this.service = service;
        this.results = results;
        this.deliveries = deliveries;
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Handled<?> handled = service.apply(deliveries.of(message, type));
        refusals.handle(message, domain, handled.refused());
        results.write(message, domain, handled.results());
    }

    @Override
    public String toString() {
        return "DomainStep[" + domain + " " + type.getSimpleName() + "]";
    }
}
