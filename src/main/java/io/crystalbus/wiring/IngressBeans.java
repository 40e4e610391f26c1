package io.crystalbus.wiring;

import io.crystalbus.batch.BatchSettings;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.config.BusSettings;
import io.crystalbus.deadletter.DeadLetterReplayer;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.egress.PayoutFiles;
import io.crystalbus.ingress.AdminApi;
import io.crystalbus.ingress.HttpErrors;
import io.crystalbus.ingress.HttpReplies;
import io.crystalbus.ingress.IngressService;
import io.crystalbus.ingress.QueryService;
import io.crystalbus.ingress.files.CollectionFiles;
import io.crystalbus.ingress.files.RecordReaders;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.security.api.ApiCredentials;
import io.crystalbus.security.api.Role;
import io.crystalbus.wiring.settings.InputSettings;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;

/** What the API and the file drop and outbox call: decode and accept, queries, admin, errors, files in and out. */
final class IngressBeans {
    private final InputSettings input;
    private final BusSettings settings;

    IngressBeans(InputSettings input, BusSettings settings) {
        this.input = input;
        this.settings = settings;
    }

    void bindTo(BiConsumer<String, Object> registry, CamelContext context, Mappers mappers, ObservabilityBeans observe, DeadLetters deadLetters,
                DomainBeans domains, RolloutFlags rolloutFlags) {
        HttpReplies replies = new HttpReplies(mappers.json());
        BusMetrics metrics = observe.metrics;
        InboxMonitor inboxes = observe.inboxes;
        MessageTracer tracer = observe.tracer;
        DomainStores stores = domains.stores;
        registry.accept("ingress", new IngressService(new MessageReader(mappers), replies, domains.distributions));
        registry.accept("httpErrors", new HttpErrors(replies, deadLetters, input.retryAfterSeconds(), metrics, inboxes));
        registry.accept("queries", new QueryService(replies, stores.ledger(), stores.freePlay(), stores.settlements(), domains.distributions, deadLetters));
        registry.accept("admin", new AdminApi(ApiCredentials.from(settings, System.getenv()).anyoneMay(Role.OPERATOR), rolloutFlags, tracer,
                new DeadLetterReplayer(deadLetters, context), replies, mappers.json()));
        registry.accept("collectionFiles", new CollectionFiles(
                new RecordReaders(mappers, new Mappers(input.fileLimits()), input.fileMaxRecordBytes()),
                deadLetters, mappers.json(), input.fileMaxExpandedBytes()));
        registry.accept("payoutFiles", new PayoutFiles(BatchSettings.of(settings, "payouts"), mappers));
    }
}
