package io.crystalbus.wiring;

import io.crystalbus.adapter.Deliveries;
import io.crystalbus.adapter.DomainStep;
import io.crystalbus.adapter.FollowUps;
import io.crystalbus.adapter.Refusals;
import io.crystalbus.adapter.ReplacedBody;
import io.crystalbus.adapter.Results;
import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.balance.BalanceService;
import io.crystalbus.domain.collections.CollectionService;
import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.domain.freeplay.FreePlayService;
import io.crystalbus.domain.settlement.AccountCurrencies;
import io.crystalbus.domain.settlement.SettlementRules;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.domain.tally.Tallies;
import io.crystalbus.flow.Flow;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.wiring.settings.DomainSettings;
import java.util.function.BiConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * The five domains on their stores, and the steps by which the domain routes call them
 * ({@code process: ref: <step>}); the tallies of domains added in YAML.
 */
public final class DomainBeans {
    final DomainStores stores;
    final DistributionService distributions;
    private final DomainSettings domain;
    private final SettlementService settlement;
    private final BalanceService balance;
    private final FreePlayService freePlay;
    private final CollectionService collections = new CollectionService();

    public DomainBeans(DomainSettings domain, DomainStores stores, BusMetrics metrics) {
        this.domain = domain;
        this.stores = stores;
        settlement = new SettlementService(new SettlementRules(domain.commissionBps()), stores.settlements(),
                new AccountCurrencies(stores.ledger(), stores.freePlay()), metrics);
        balance = new BalanceService(stores.ledger(), stores.settlements(), stores.transactions());
        freePlay = new FreePlayService(stores.freePlay());
        distributions = new DistributionService(stores.accruals());
    }

    public void bindTo(BiConsumer<String, Object> registry, Batches batches, DeadLetters deadLetters) {
        registry.accept("ledger", stores.ledger());
        registry.accept(Flow.SETTLEMENT.bean(), settlement);
        registry.accept(Flow.BALANCE.bean(), balance);
        registry.accept(Flow.FREE_PLAY.bean(), freePlay);
        registry.accept(Flow.COLLECTIONS.bean(), collections);
        registry.accept(Flow.DISTRIBUTIONS.bean(), distributions);
        Deliveries deliveries = new Deliveries(batches);
        Refusals refusals = new Refusals(deadLetters);
        registry.accept("settleWagers", new DomainStep<>(SettlementService.DOMAIN, WagerSettled.class, settlement::settle,
                new FollowUps(), deliveries, refusals));
        registry.accept("completeSettlements", new DomainStep<>(SettlementService.DOMAIN, BalanceChanged.class, settlement::completed,
                ReplacedBody.retyped(MessageType.SETTLEMENT_COMPLETED), deliveries, refusals));
        registry.accept("applyAdjustments", new DomainStep<>(BalanceService.DOMAIN, BalanceAdjust.class, balance::apply,
                ReplacedBody.retyped(MessageType.BALANCE_CHANGED), deliveries, refusals));
        registry.accept("applyFreePlay", new DomainStep<>(FreePlayService.DOMAIN, FreePlayCommand.class, freePlay::apply,
                ReplacedBody.handedOn(MessageType.BALANCE_ADJUST, "balance"), deliveries, refusals));
        registry.accept("creditCollections", new DomainStep<>(CollectionService.DOMAIN, CollectionReceived.class, collections::credit,
                ReplacedBody.handedOn(MessageType.BALANCE_ADJUST, "balance"), deliveries, refusals));
        registry.accept("accrueCommissions", new DomainStep<>(DistributionService.DOMAIN, CommissionAccrued.class, distributions::accrue,
                Results.NONE, deliveries, refusals));
        registry.accept("tallies", new Tallies(domain.talliesCapacity()));
        // the ids a templated domain (route template standard-domain) has handled, for exactly-once effects
        registry.accept("templateProcessedIds", MemoryIdempotentRepository.memoryIdempotentRepository(domain.rememberedIds()));
    }
}
