package io.crystalbus.domain;

import static io.crystalbus.domain.Items.item;
import static io.crystalbus.domain.Items.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.balance.BalanceService;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.settlement.MemorySettlementTracker;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.domain.settlement.SettlementStatus.State;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.store.MemoryAccounts;
import io.crystalbus.store.Transactions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The balance domain on its own: adjustments applied once, settlements completed with them. */
class BalanceServiceTest {
    private final Ledger ledger = new Ledger(new MemoryAccounts(1_000));
    private final MemorySettlementTracker tracker = new MemorySettlementTracker(1_000);
    private final BalanceService balance = new BalanceService(ledger, tracker, Transactions.NONE);

    private static BalanceAdjust settlement(String customer, String currency, long amount, String wagerId) {
        return new BalanceAdjust(customer, currency, amount, AdjustReason.SETTLEMENT, wagerId);
    }

    @Test
    void anAdjustmentIsAppliedOnceAndItsRepeatStillCompletesItsSettlement() {
        Handled<BalanceChanged> first = balance.apply(one("m1/balance", settlement("C-1", "USD", 2500, "W-1")));
        assertThat(first.results()).singleElement().satisfies(result -> {
            assertThat(result.messageId()).isEqualTo("m1/balance");
            assertThat(result.message().balance()).isEqualTo(2500);
        });
        tracker.report(SettlementStatus.settling("W-2", "C-1", Items.CREATED_AT));
        ledger.apply("m2/balance", settlement("C-1", "USD", 100, "W-2"));

        // W-2's first attempt applied the change and stopped before its completion was recorded: the repeat completes it
        Handled<BalanceChanged> repeat = balance.apply(one("m2/balance", settlement("C-1", "USD", 100, "W-2")));

        assertThat(repeat.results()).as("nothing applied twice").isEmpty();
        assertThat(ledger.balance("C-1").orElseThrow().balance()).isEqualTo(2600);
        assertThat(tracker.status("W-2")).get().satisfies(status -> assertThat(status.state()).isEqualTo(State.COMPLETED));
        assertThat(balance.appliedCount()).isEqualTo(1);
    }

    @Test
    void inABatchAnAdjustmentThatCanNeverApplyIsRefusedAloneAndTheRestApply() {
        Handled<BalanceChanged> handled = balance.apply(List.of(
                item("a", settlement("C-1", "USD", 10, "W-a")),
                item("b", settlement("C-1", "EUR", 5, "W-b")),
                item("c", new BalanceAdjust("C-2", "USD", 7, AdjustReason.COLLECTION, "K-c"))));

        assertThat(handled.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.item().messageId()).isEqualTo("b");
            assertThat(refused.error().reason()).isEqualTo("currency-mismatch");
        });
        assertThat(handled.results()).extracting(BatchItem::messageId).containsExactly("a", "c");
        assertThat(tracker.status("W-a")).get().satisfies(status -> assertThat(status.state()).isEqualTo(State.COMPLETED));
        assertThat(tracker.status("W-b")).as("a refused adjustment completes nothing").isEmpty();
        assertThat(ledger.balance("C-1").orElseThrow().balance()).isEqualTo(10);
    }
}
