package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.store.JdbcStore;
import io.crystalbus.support.MovableClock;
import io.crystalbus.wiring.DomainStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the durable store promises: state and applied ids outlive a reopen, and the ids' retention. */
abstract class DurableStoreContractTest extends StoreContractTest {
    static final Duration RETENTION = Duration.ofHours(168);
    private final List<JdbcStore> opened = new ArrayList<>();
    private String url;

    /** A new, empty database. */
    abstract String newDatabase() throws Exception;

    abstract String user();

    @Override
    DomainStores newStores() throws Exception {
        url = newDatabase();
        return open(Clock.systemUTC());
    }

    private DomainStores open(Clock clock) {
        JdbcStore store = JdbcStore.open(url, user(), "", 8, RETENTION, Duration.ofHours(1), clock);
        opened.add(store);
        return DomainStores.jdbc(store, 100_000);
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcStore::stop);
    }

    @Test
    void everyDomainsStateAndAppliedIdsOutliveAReopen() throws Exception {
        DomainStores first = newStores();
        first.ledger().apply("m1", credit("C-1", 500));
        first.freePlay().apply("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 700));
        first.accruals().accrue("a1", accrual("a1", "A-1", "2026-W48", 25).message());
        first.accruals().pay("run-1", "2026-W48");
        first.settlements().report(SettlementStatus.completed("W-1", "C-1", 1, 2, 500));
        opened.forEach(JdbcStore::stop);

        DomainStores again = open(Clock.systemUTC());
        assertThat(again.ledger().balance("C-1").orElseThrow().balance()).isEqualTo(500);
        assertThat(again.freePlay().creditOf("C-1")).contains(new FreePlayCredits.Credit("USD", 700));
        assertThat(again.accruals().ofAgent("A-1")).singleElement().satisfies(a -> assertThat(a.paid()).isEqualTo(25));
        PayoutRun run = again.accruals().run("run-1").orElseThrow();
        assertThat(run.state()).isEqualTo(PayoutRun.State.WRITING);
        assertThat(run.payouts()).singleElement().satisfies(p -> assertThat(p.amount()).isEqualTo(25));
        assertThat(again.settlements().status("W-1").orElseThrow().state()).isEqualTo(SettlementStatus.State.COMPLETED);
        // the messages redelivered after the restart change nothing
        assertThat(again.ledger().apply("m1", credit("C-1", 500))).isEmpty();
        assertThat(again.freePlay().apply("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 700))).isFalse();
        assertThat(again.accruals().accrue("a1", accrual("a1", "A-1", "2026-W48", 25).message())).isFalse();
        assertThat(again.ledger().apply("m2", credit("C-1", 1))).get().extracting(c -> c.balance()).isEqualTo(501L);
    }

    @Test
    void aBalanceChangeAndTheSettlementItCompletesCommitTogetherOrNotAtAll() throws Exception {
        DomainStores stores = newStores();
        assertThatThrownBy(() -> stores.transactions().inOne(() -> {
            stores.ledger().apply("m1", credit("C-1", 500));
            stores.settlements().report(SettlementStatus.completed("W-1", "C-1", 1, 2, 500));
            throw new IllegalStateException("the process dies before the commit");
        })).hasMessageContaining("dies before the commit");
        assertThat(stores.ledger().balance("C-1")).isEmpty();
        assertThat(stores.settlements().status("W-1")).isEmpty();
        // nothing of it was recorded, so the redelivery applies it
        stores.transactions().inOne(() -> {
            stores.ledger().apply("m1", credit("C-1", 500));
            stores.settlements().report(SettlementStatus.completed("W-1", "C-1", 1, 2, 500));
            return null;
        });
        assertThat(stores.ledger().balance("C-1").orElseThrow().balance()).isEqualTo(500);
        assertThat(stores.settlements().status("W-1").orElseThrow().state()).isEqualTo(SettlementStatus.State.COMPLETED);
    }

    @Test
    void aCurrencyIsKeptOnlyOnceAnAccountHoldsIt() throws Exception {
        DomainStores node = newStores();
        DomainStores otherNode = open(Clock.systemUTC());
        assertThat(node.ledger().currencies(List.of("C-1", "C-2")).apply("C-1")).isNull();
        // opened on another node after this one found no account: read again, not remembered as absent
        otherNode.ledger().apply("m1", new BalanceAdjust("C-1", "EUR", 5, AdjustReason.COLLECTION, "ref"));
        assertThat(node.ledger().currencies(List.of("C-1", "C-2")).apply("C-1")).isEqualTo("EUR");
        assertThat(node.ledger().currencyOf("C-1")).isEqualTo("EUR");
        // seen inside a transaction that rolls back: not remembered either
        assertThatThrownBy(() -> node.transactions().inOne(() -> {
            node.ledger().apply("m2", new BalanceAdjust("C-2", "GBP", 5, AdjustReason.COLLECTION, "ref"));
            assertThat(node.ledger().currencyOf("C-2")).isEqualTo("GBP");
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");
        otherNode.ledger().apply("m3", credit("C-2", 5));
        assertThat(node.ledger().currencyOf("C-2")).isEqualTo("USD");
    }

    @Test
    void anAppliedIdIsRememberedForItsRetentionThenPurged() throws Exception {
        url = newDatabase();
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
        DomainStores stores = open(clock);
        JdbcStore store = stores.database().orElseThrow();
        stores.ledger().apply("m1", credit("C-1", 10));
        stores.freePlay().apply("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 10));

        clock.advance(RETENTION.minusSeconds(1));
        assertThat(store.purgeAppliedIds()).as("ids one second short of their retention").isZero();
        assertThat(stores.ledger().apply("m1", credit("C-1", 10))).as("a repeat inside the retention").isEmpty();
        assertThat(stores.ledger().balance("C-1").orElseThrow().balance()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(2));
        assertThat(store.purgeAppliedIds()).as("both ids past their retention").isEqualTo(2);
        // documented: past the retention the id is forgotten, so the table does not grow forever
        assertThat(stores.ledger().apply("m1", credit("C-1", 10))).isPresent();
    }
}
