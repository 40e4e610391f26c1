package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.distributions.AccrualBook;
import io.crystalbus.domain.distributions.AgentAccrual;
import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.domain.settlement.SettlementTracker;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionPayout;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.store.Accounts;
import io.crystalbus.wiring.DomainStores;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every store promises for every domain's state; run on memory, SQLite and PostgreSQL. */
abstract class StoreContractTest extends LedgerContractTest {

    /** New, empty stores. */
    abstract DomainStores newStores() throws Exception;

    @Override
    Ledger newLedger() throws Exception {
        return newStores().ledger();
    }

    static FreePlayCommand freePlay(FreePlayAction action, String customer, String currency, long amount) {
        return new FreePlayCommand(null, action, customer, currency, amount, null, null);
    }

    static BatchItem<CommissionAccrued> accrual(String id, String agent, String period, long amount) {
        return new BatchItem<>(id, id, null, new CommissionAccrued(agent, "C-1", "W-" + id, "USD", amount, period));
    }

    @Test
    void aLedgerBatchIsOneOperationInWhichARefusedEntryStandsAlone() throws Exception {
        Ledger ledger = newLedger();
        ledger.apply("m0", credit("C-1", 100));
        Ledger.BatchResult result = ledger.applyAll(List.of(
                new Ledger.Entry("m1", credit("C-1", 10)),
                new Ledger.Entry("m2", new BalanceAdjust("C-1", "EUR", 5, BalanceAdjust.AdjustReason.COLLECTION, "ref")),
                new Ledger.Entry("m0", credit("C-1", 100)),
                new Ledger.Entry("m3", credit("C-2", 7)),
                new Ledger.Entry("m3", credit("C-2", 7))));
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(1));
        assertThat(result.changes()).extracting(change -> change.map(c -> c.balance()).orElse(null))
                .containsExactly(110L, null, null, 7L, null);
        assertThat(ledger.balance("C-1").orElseThrow().balance()).isEqualTo(110);
        assertThat(ledger.balance("C-2").orElseThrow().balance()).isEqualTo(7);
    }

    @Test
    void freePlayCreditChangesOncePerMessageId() throws Exception {
        FreePlayCredits credits = newStores().freePlay();
        assertThat(credits.apply("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 700))).isTrue();
        assertThat(credits.apply("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 700))).isFalse();
        assertThat(credits.apply("c1", freePlay(FreePlayAction.CONSUME, "C-1", "USD", 200))).isTrue();
        assertThat(credits.creditOf("C-1")).contains(new FreePlayCredits.Credit("USD", 500));
        assertThatThrownBy(() -> credits.apply("c2", freePlay(FreePlayAction.CONSUME, "C-1", "USD", 501)))
                .isInstanceOf(RejectedMessageException.class).hasMessageContaining("has 500 free-play credit");
        assertThatThrownBy(() -> credits.apply("c3", freePlay(FreePlayAction.GRANT, "C-1", "EUR", 1)))
                .isInstanceOf(RejectedMessageException.class).hasMessageContaining("is in USD");
        // a refused command leaves no trace: its id applies later with a valid command
        assertThat(credits.apply("c2", freePlay(FreePlayAction.CONSUME, "C-1", "USD", 500))).isTrue();
        assertThat(credits.apply("e1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 90))).isTrue();
        assertThat(credits.apply("e2", freePlay(FreePlayAction.EXPIRE, "C-1", "USD", 0))).isTrue();
        assertThat(credits.creditOf("C-1")).contains(new FreePlayCredits.Credit("USD", 0));
        assertThat(credits.creditOf("C-nobody")).isEmpty();
    }

    @Test
    void aFreePlayBatchIsOneOperationInWhichARefusedCommandStandsAlone() throws Exception {
        FreePlayCredits credits = newStores().freePlay();
        List<Accounts.Outcome> outcomes = credits.applyAll(List.of(
                new FreePlayCredits.Entry("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 100)),
                new FreePlayCredits.Entry("c1", freePlay(FreePlayAction.CONSUME, "C-1", "USD", 101)),
                new FreePlayCredits.Entry("g1", freePlay(FreePlayAction.GRANT, "C-1", "USD", 100)),
                new FreePlayCredits.Entry("g2", freePlay(FreePlayAction.GRANT, "C-2", "USD", 5))));
        assertThat(outcomes).extracting(Accounts.Outcome::applied).containsExactly(true, false, false, true);
        assertThat(outcomes.get(1).rejected()).isNotNull();
        assertThat(outcomes.get(2).rejected()).isNull();
        assertThat(credits.creditOf("C-1").orElseThrow().amount()).isEqualTo(100);
        assertThat(credits.creditOf("C-2").orElseThrow().amount()).isEqualTo(5);
    }

    @Test
    void domainsKeepTheirOwnAppliedIds() throws Exception {
        DomainStores stores = newStores();
        // one id in two domains: each applies it once, neither suppresses the other
        assertThat(stores.ledger().apply("same-id", credit("C-1", 10))).isPresent();
        assertThat(stores.freePlay().apply("same-id", freePlay(FreePlayAction.GRANT, "C-1", "USD", 10))).isTrue();
        assertThat(stores.accruals().accrue("same-id", accrual("x", "A-1", "2026-W48", 5).message())).isTrue();
        assertThat(stores.ledger().apply("same-id", credit("C-1", 10))).isEmpty();
    }

    @Test
    void currenciesAreReadForManyCustomersAtOnce() throws Exception {
        DomainStores stores = newStores();
        stores.ledger().apply("m1", credit("C-1", 10));
        stores.freePlay().apply("g1", freePlay(FreePlayAction.GRANT, "C-2", "EUR", 10));
        var cash = stores.ledger().currencies(List.of("C-1", "C-2", "C-3"));
        assertThat(List.of("C-1", "C-2", "C-3")).map(cash).containsExactly("USD", null, null);
        var freePlay = stores.freePlay().currencies(List.of("C-1", "C-2"));
        assertThat(List.of("C-1", "C-2")).map(freePlay).containsExactly(null, "EUR");
        assertThat(stores.ledger().currencyOf("C-1")).isEqualTo("USD");
        assertThat(stores.freePlay().currencyOf("C-1")).isNull();
    }

    @Test
    void accrualsCountOncePerMessageIdAndRunsPayEachOnce() throws Exception {
        AccrualBook book = newStores().accruals();
        assertThat(book.accrueAll(List.of(accrual("a1", "A-2", "2026-W48", 50), accrual("a2", "A-1", "2026-W48", 30),
                accrual("a1", "A-2", "2026-W48", 50), accrual("a3", "A-1", "2026-W49", 7)))).isEqualTo(3);
        assertThat(book.accrueAll(List.of(accrual("a2", "A-1", "2026-W48", 30)))).isZero();
        assertThat(book.ofAgent("A-1")).extracting(AgentAccrual::period, AgentAccrual::accrued, AgentAccrual::accruals)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-W48", 30L, 1L), org.assertj.core.groups.Tuple.tuple("2026-W49", 7L, 1L));

        book.runAccepted("run-1", "2026-W48");
        assertThat(book.run("run-1").orElseThrow().state()).isEqualTo(PayoutRun.State.ACCEPTED);
        PayoutRun paid = book.pay("run-1", "2026-W48");
        assertThat(paid.state()).isEqualTo(PayoutRun.State.WRITING);
        assertThat(paid.payouts()).containsExactly(new DistributionPayout("run-1", "A-1", "2026-W48", "USD", 30, 1),
                new DistributionPayout("run-1", "A-2", "2026-W48", "USD", 50, 1));
        assertThat(paid.totals()).containsEntry("USD", 80L);
        // a retry of the run (its files failed to write) gets the same payouts: nothing is paid twice
        assertThat(book.pay("run-1", "2026-W48")).isEqualTo(paid);
        assertThat(book.ofAgent("A-2")).singleElement().satisfies(a -> assertThat(a.unpaid()).isZero());
        book.completed("run-1");
        assertThat(book.run("run-1").orElseThrow().state()).isEqualTo(PayoutRun.State.COMPLETED);
        assertThat(book.pay("run-1", "2026-W48").state()).isEqualTo(PayoutRun.State.COMPLETED);

        // another run of the period pays only what accrued since
        assertThat(book.pay("run-2", "2026-W48").payouts()).isEmpty();
        book.accrue("a4", accrual("a4", "A-2", "2026-W48", 11).message());
        assertThat(book.pay("run-3", "2026-W48").payouts()).containsExactly(new DistributionPayout("run-3", "A-2", "2026-W48", "USD", 11, 1));
        assertThat(book.ofAgent("A-2")).singleElement().satisfies(a -> {
            assertThat(a.accrued()).isEqualTo(61);
            assertThat(a.paid()).isEqualTo(61);
        });
        assertThat(book.run("run-unknown")).isEmpty();
    }

    @Test
    void aSettlementStatusMovesForwardOnlyAndACompletionIsFinal() throws Exception {
        SettlementTracker tracker = newStores().settlements();
        tracker.report(SettlementStatus.settling("W-1", "C-1", 100));
        assertThat(tracker.status("W-1").orElseThrow().state()).isEqualTo(SettlementStatus.State.SETTLING);
        tracker.reportAll(List.of(SettlementStatus.completed("W-1", "C-1", 100, 250, 2500),
                SettlementStatus.settling("W-1", "C-1", 100), SettlementStatus.settling("W-2", "C-2", 100)));
        assertThat(tracker.status("W-1")).contains(SettlementStatus.completed("W-1", "C-1", 100, 250, 2500));
        tracker.report(SettlementStatus.completed("W-1", "C-1", 100, 999, 2500));
        assertThat(tracker.status("W-1").orElseThrow().completedAtMicros()).as("the first completion is kept").isEqualTo(250);
        tracker.report(SettlementStatus.rejected("W-2", "C-2", 100, "currency-mismatch: holds USD"));
        assertThat(tracker.status("W-2").orElseThrow()).satisfies(status -> {
            assertThat(status.state()).isEqualTo(SettlementStatus.State.REJECTED);
            assertThat(status.reason()).contains("holds USD");
        });
        tracker.report(SettlementStatus.settling("W-2", "C-2", 100));
        assertThat(tracker.status("W-2").orElseThrow().state()).isEqualTo(SettlementStatus.State.REJECTED);
        assertThat(tracker.status("W-3")).isEmpty();
    }
}
