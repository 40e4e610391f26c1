package io.crystalbus.domain;

import static io.crystalbus.domain.Items.item;
import static io.crystalbus.domain.Items.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.settlement.AccountCurrencies;
import io.crystalbus.domain.settlement.MemorySettlementTracker;
import io.crystalbus.domain.settlement.SettlementRules;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.domain.settlement.SettlementStatus.State;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.SettlementCompleted;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.store.MemoryAccounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settlement domain on its own: settled wagers in, follow-ups out, statuses recorded. */
class SettlementServiceTest {
    private final Ledger ledger = new Ledger(new MemoryAccounts(1_000));
    private final FreePlayCredits credits = new FreePlayCredits(new MemoryAccounts(1_000));
    private final MemorySettlementTracker tracker = new MemorySettlementTracker(1_000);
    private final SettlementService settlement = new SettlementService(new SettlementRules(500), tracker,
            new AccountCurrencies(ledger, credits), new BusMetrics(new SimpleMeterRegistry()));

    private static WagerSettled wager(String wagerId, String customer, String currency, Outcome outcome, boolean freePlay) {
        return new WagerSettled(null, wagerId, customer, "A-1", currency, 1000L, 2500L, outcome, freePlay, Instant.parse("2026-11-27T12:00:00Z"));
    }

    @Test
    void aWinBecomesTheAgentsCommissionThenTheCustomersCreditUnderTheWagersIdAndEnvelope() {
        Handled<Object> handled = settlement.settle(one("m1", wager("W-1", "C-1", "USD", Outcome.WIN, false)));

        assertThat(handled.refused()).isEmpty();
        assertThat(handled.results()).extracting(BatchItem::messageId).containsExactly("m1/commission", "m1/balance");
        assertThat(handled.results()).allSatisfy(result -> {
            assertThat(result.correlationId()).isEqualTo("corr-m1");
            assertThat(result.createdAt()).isEqualTo(Items.CREATED_AT);
        });
        assertThat(handled.results().get(0).message()).isEqualTo(new CommissionAccrued("A-1", "C-1", "W-1", "USD", -75, "2026-W48"));
        assertThat(handled.results().get(1).message()).isEqualTo(new BalanceAdjust("C-1", "USD", 2500, AdjustReason.SETTLEMENT, "W-1"));
        assertThat(tracker.status("W-1")).get().satisfies(status -> assertThat(status.state()).isEqualTo(State.SETTLING));
    }

    @Test
    void aFreePlayWagerGoesToFreePlayNotToTheCashBalance() {
        Handled<Object> handled = settlement.settle(one("m1", wager("W-1", "C-1", "USD", Outcome.PUSH, true)));

        assertThat(handled.results()).singleElement().satisfies(result -> {
            assertThat(result.messageId()).isEqualTo("m1/freeplay");
            assertThat(result.message()).isInstanceOfSatisfying(FreePlayCommand.class,
                    command -> assertThat(command.action()).isEqualTo(FreePlayAction.GRANT));
        });
    }

    @Test
    void aWagerInAnotherCurrencyThanTheCustomerHoldsIsRefusedWholeBeforeAnyFollowUp() {
        ledger.apply("open", new BalanceAdjust("C-usd", "USD", 1, AdjustReason.COLLECTION, "ref"));

        Handled<Object> handled = settlement.settle(one("m1", wager("W-eur", "C-usd", "EUR", Outcome.LOSS, false)));

        assertThat(handled.results()).as("no commission accrues for a refused wager").isEmpty();
        assertThat(handled.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.item().messageId()).isEqualTo("m1");
            assertThat(refused.error().reason()).isEqualTo("currency-mismatch");
        });
        assertThat(tracker.status("W-eur")).get().satisfies(status -> assertThat(status.state()).isEqualTo(State.REJECTED));
    }

    @Test
    void inABatchABadWagerStandsAloneAndEveryCommissionLeavesBeforeAnyBalanceChange() {
        WagerSettled noCustomer = wager("W-bad", null, "USD", Outcome.WIN, false);
        Handled<Object> handled = settlement.settle(List.of(
                item("m1", wager("W-1", "C-1", "USD", Outcome.LOSS, false)),
                item("m2", noCustomer),
                item("m3", wager("W-3", "C-3", "USD", Outcome.PUSH, true)),
                item("m4", wager("W-4", "C-4", "USD", Outcome.WIN, false))));

        assertThat(handled.refused()).singleElement().satisfies(refused -> assertThat(refused.item().messageId()).isEqualTo("m2"));
        assertThat(handled.results()).extracting(BatchItem::messageId)
                .containsExactly("m1/commission", "m4/commission", "m3/freeplay", "m1/balance", "m4/balance");
        assertThat(tracker.status("W-1")).isPresent();
        assertThat(tracker.status("W-4")).isPresent();
    }

    @Test
    void onlyABalanceChangeThatSettlesAWagerCompletesIt() {
        BalanceChanged settles = new BalanceChanged("C-1", "USD", 2500, 2500, AdjustReason.SETTLEMENT, "W-1");
        BalanceChanged collection = new BalanceChanged("C-1", "USD", 10, 2510, AdjustReason.COLLECTION, "K-1");

        Handled<SettlementCompleted> handled = settlement.completed(List.of(item("m1/balance", settles), item("k1/balance", collection)));

        assertThat(handled.results()).singleElement().satisfies(result -> {
            assertThat(result.messageId()).isEqualTo("m1/balance");
            assertThat(result.message().wagerId()).isEqualTo("W-1");
            assertThat(result.message().balanceDelta()).isEqualTo(2500);
        });
        assertThat(settlement.completedCount()).isEqualTo(1);
    }
}
