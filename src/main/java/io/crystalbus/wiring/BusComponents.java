package io.crystalbus.wiring;

import io.crystalbus.flow.Flow;
import io.crystalbus.batch.BatchSettings;
import io.crystalbus.batch.Batcher;
import io.crystalbus.batch.Batches;
import io.crystalbus.domain.tally.Tallies;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import io.crystalbus.observe.trace.FieldMask;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.egress.PayoutFiles;
import io.crystalbus.ingress.files.CollectionFiles;
import io.crystalbus.ingress.files.RecordReaders;
import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.WireCodec;
import io.crystalbus.rollout.Guardrail;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.rollout.RolloutRouter;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.deadletter.DeadLetterJournal;
import io.crystalbus.deadletter.DeadLetterReplayer;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.adapter.Deliveries;
import io.crystalbus.adapter.DomainStep;
import io.crystalbus.adapter.FollowUps;
import io.crystalbus.adapter.Refusals;
import io.crystalbus.adapter.ReplacedBody;
import io.crystalbus.adapter.Results;
import io.crystalbus.domain.balance.BalanceService;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.collections.CollectionService;
import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.freeplay.FreePlayService;
import io.crystalbus.domain.settlement.AccountCurrencies;
import io.crystalbus.domain.settlement.SettlementRules;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.domain.settlement.SettlementTracker;
import io.crystalbus.ingress.AdminApi;
import io.crystalbus.ingress.HttpErrors;
import io.crystalbus.security.api.ApiCredentials;
import io.crystalbus.security.api.Role;
import io.crystalbus.ingress.HttpReplies;
import io.crystalbus.ingress.IngressService;
import io.crystalbus.ingress.QueryService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.observe.MeterRegistries;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Every bean the route files refer to, built from the settings and bound by name. Explicit on purpose: no
 * class-path scanning, so the same wiring runs under Camel Main and from an OSGi bundle activator.
 */
public final class BusComponents {
    private final Map<String, Object> beans = new LinkedHashMap<>();
    // what holds files, connections or threads: started and stopped with the bus
    private final java.util.List<org.apache.camel.Service> services = new java.util.ArrayList<>();

    public BusComponents(BusSettings settings, CamelContext context) {
        CodecLimits limits = new CodecLimits(
                settings.integer("camel.server.maxBodySize", 4 * 1024 * 1024),
                settings.integer("crystal.codec.max-nesting-depth", 32),
                settings.integer("crystal.codec.max-string-length", 64 * 1024),
                settings.integer("crystal.api.max-items", 10_000));
        Mappers mappers = new Mappers(limits);
        int rememberedIds = settings.idempotencyCapacity();

        BusMetrics metrics = new BusMetrics(MeterRegistries.of(context, settings.metricsEnabled()));
        InboxMonitor inboxes = new InboxMonitor(context);

        DomainStores stores = DomainStores.of(settings);
        stores.database().ifPresent(services::add);
        Ledger ledger = stores.ledger();
        FreePlayCredits credits = stores.freePlay();
        SettlementTracker tracker = stores.settlements();
        Set<String> masked = settings.names("crystal.trace.mask", "customerId,agentId,Authorization");
        DeadLetterJournal journal = deadLetterJournal(settings, mappers, "crystal.dead-letters", "", 16L << 20, 8);
        DeadLetterJournal refusedJournal = deadLetterJournal(settings, mappers, "crystal.dead-letters.refused", "refused", 4L << 20, 4);
        DeadLetters deadLetters = new DeadLetters(new DeadLetters.Shelf(settings.deadLetterCapacity(), journal),
                new DeadLetters.Shelf(settings.integer("crystal.dead-letters.refused.capacity", 1_000), refusedJournal),
                metrics, mappers.json(), new FieldMask(masked));
        FrameReader frames = new FrameReader(mappers, settings.longValue("crystal.codec.max-expanded-bytes", 16L << 20));
        Batches batches = new Batches(frames);
        DistributionService distributions = new DistributionService(stores.accruals());
        HttpReplies replies = new HttpReplies(mappers.json());

        beans.put("metrics", metrics);
        beans.put("inboxMonitor", inboxes);
        beans.put("mappers", mappers);
        WireCodec wire = new WireCodec(mappers);
        beans.put("wire", wire);
        beans.put("wireDecode", wire.decoder());
        RolloutFlags rolloutFlags = new RolloutFlags(settings);
        beans.put("rolloutFlags", rolloutFlags);
        beans.put("guardrail", new Guardrail(rolloutFlags, metrics, new Guardrail.Limits(
                settings.integer("crystal.rollout.guardrail.window-seconds", 30),
                settings.integer("crystal.rollout.guardrail.min-samples", 100),
                settings.decimal("crystal.rollout.guardrail.max-failure-rate-increase", 0.01),
                settings.decimal("crystal.rollout.guardrail.max-latency-ratio", 3.0))));
        for (Flow flow : Flow.channelledFlows()) {
            beans.put(flow.rolloutBean(), new RolloutRouter(flow.id(), rolloutFlags, wire, metrics));
            beans.put(flow.batcherBean(), new Batcher(BatchSettings.of(settings, flow.id()), mappers, metrics));
        }
        MessageTracer tracer = new MessageTracer(mappers, masked,
                route -> settings.flag("crystal.trace." + route, false));
        beans.put("tracer", tracer);
        beans.put("admin", new AdminApi(ApiCredentials.from(settings, System.getenv()).anyoneMay(Role.OPERATOR), rolloutFlags, tracer,
                new DeadLetterReplayer(deadLetters, context), new HttpReplies(mappers.json()), mappers.json()));
        java.util.stream.Stream.of(journal, refusedJournal).filter(java.util.Objects::nonNull).forEach(services::add);
        beans.put("ledger", ledger);
        beans.put("deadLetters", deadLetters);
        beans.put("batches", batches);
        SettlementService settlement = new SettlementService(new SettlementRules(settings.commissionBps()), tracker,
                new AccountCurrencies(ledger, credits), metrics);
        BalanceService balance = new BalanceService(ledger, tracker, stores.transactions());
        FreePlayService freePlay = new FreePlayService(credits);
        CollectionService collections = new CollectionService();
        beans.put("settlement", settlement);
        beans.put("balance", balance);
        beans.put(Flow.FREE_PLAY.bean(), freePlay);
        beans.put("collections", collections);
        beans.put("distributions", distributions);
        domainSteps(new Deliveries(batches), new Refusals(deadLetters), settlement, balance, freePlay, collections, distributions);
        // a dropped file is streamed: the same rules per record, but no size limit for the whole list
        Mappers fileMappers = new Mappers(new CodecLimits(Integer.MAX_VALUE, limits.maxNestingDepth(), limits.maxStringLength(), limits.maxItems()));
        beans.put("collectionFiles", new CollectionFiles(
                new RecordReaders(mappers, fileMappers, settings.integer("crystal.collections-files.max-record-bytes", 65_536)),
                deadLetters, mappers.json(), settings.longValue("crystal.collections-files.max-expanded-bytes", 4L << 30)));
        beans.put("payoutFiles", new PayoutFiles(BatchSettings.of(settings, "payouts"), mappers));
        beans.put("tallies", new Tallies(settings.integer("crystal.tallies.capacity", 1_000_000)));
        // the ids a templated domain (route template standard-domain) has handled, for exactly-once effects
        beans.put("templateProcessedIds", MemoryIdempotentRepository.memoryIdempotentRepository(rememberedIds));
        beans.put("ingress", new IngressService(new MessageReader(mappers), replies, distributions));
        beans.put("httpErrors", new HttpErrors(replies, deadLetters, settings.retryAfterSeconds(), metrics, inboxes));
        beans.put("queries", new QueryService(replies, ledger, credits, tracker, distributions, deadLetters));
    }

    /** The steps by which the domain routes call their domains ({@code process: ref: <name>}). */
    private void domainSteps(Deliveries deliveries, Refusals refusals, SettlementService settlement, BalanceService balance,
                             FreePlayService freePlay, CollectionService collections, DistributionService distributions) {
        beans.put("settleWagers", new DomainStep<>(SettlementService.DOMAIN, WagerSettled.class, settlement::settle,
                new FollowUps(), deliveries, refusals));
        beans.put("completeSettlements", new DomainStep<>(SettlementService.DOMAIN, BalanceChanged.class, settlement::completed,
                ReplacedBody.retyped(MessageType.SETTLEMENT_COMPLETED), deliveries, refusals));
        beans.put("applyAdjustments", new DomainStep<>(BalanceService.DOMAIN, BalanceAdjust.class, balance::apply,
                ReplacedBody.retyped(MessageType.BALANCE_CHANGED), deliveries, refusals));
        beans.put("applyFreePlay", new DomainStep<>(FreePlayService.DOMAIN, FreePlayCommand.class, freePlay::apply,
                ReplacedBody.handedOn(MessageType.BALANCE_ADJUST, "balance"), deliveries, refusals));
        beans.put("creditCollections", new DomainStep<>(CollectionService.DOMAIN, CollectionReceived.class, collections::credit,
                ReplacedBody.handedOn(MessageType.BALANCE_ADJUST, "balance"), deliveries, refusals));
        beans.put("accrueCommissions", new DomainStep<>(DistributionService.DOMAIN, CommissionAccrued.class, distributions::accrue,
                Results.NONE, deliveries, refusals));
    }

    /** The services the bus starts and stops with itself. */
    public java.util.List<org.apache.camel.Service> services() {
        return services;
    }

    /**
     * A dead-letter shelf's journal under {@code crystal.dead-letters.dir} (in {@code subdirectory}), with the
     * retention of {@code <prefix>.segment-bytes} and {@code <prefix>.max-segments}; none (memory only) when the
     * directory setting is empty.
     */
    private static DeadLetterJournal deadLetterJournal(BusSettings settings, Mappers mappers, String prefix, String subdirectory,
                                                       long segmentBytes, int maxSegments) {
        return settings.string("crystal.dead-letters.dir").filter(dir -> !dir.isBlank())
                .map(dir -> new DeadLetterJournal(java.nio.file.Path.of(dir).resolve(subdirectory),
                        settings.longValue(prefix + ".segment-bytes", segmentBytes),
                        settings.integer(prefix + ".max-segments", maxSegments), mappers.json()))
                .orElse(null);
    }

    public void bindTo(Registry registry) {
        beans.forEach(registry::bind);
    }

    public <T> T get(String name, Class<T> type) {
        return type.cast(beans.get(name));
    }
}
