package io.crystalbus.domain;

import static io.crystalbus.domain.Items.item;
import static io.crystalbus.domain.Items.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.freeplay.FreePlayService;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.store.MemoryAccounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The free-play domain on its own: credits changed once, a settled wager's winnings handed to balance. */
class FreePlayServiceTest {
    private final FreePlayCredits credits = new FreePlayCredits(new MemoryAccounts(1_000));
    private final FreePlayService freePlay = new FreePlayService(credits);

    private static FreePlayCommand command(FreePlayAction action, long amount, Long winnings, String wagerId) {
        return new FreePlayCommand(null, action, "C-1", "USD", amount, winnings, wagerId);
    }

    @Test
    void aGrantOfNoWagerSendsNothingOnAndASettledWinHandsItsWinningsToBalanceAlsoWhenRepeated() {
        assertThat(freePlay.apply(one("g1", command(FreePlayAction.GRANT, 700, null, null))).results()).isEmpty();

        for (int attempt = 0; attempt < 2; attempt++) {
            Handled<BalanceAdjust> settled = freePlay.apply(one("m1/freeplay", command(FreePlayAction.CONSUME, 0, 1500L, "W-1")));
            assertThat(settled.results()).as("attempt %d", attempt).singleElement().satisfies(result -> {
                assertThat(result.messageId()).isEqualTo("m1/freeplay/balance");
                assertThat(result.message()).isEqualTo(new BalanceAdjust("C-1", "USD", 1500, AdjustReason.SETTLEMENT, "W-1"));
            });
        }
        assertThat(credits.creditOf("C-1").orElseThrow().amount()).isEqualTo(700);
    }

    @Test
    void aCommandTheCreditRulesRefuseStandsAloneInItsBatch() {
        Handled<BalanceAdjust> handled = freePlay.apply(List.of(
                item("g1", command(FreePlayAction.GRANT, 100, null, null)),
                item("c1", command(FreePlayAction.CONSUME, 101, null, null)),
                item("c2", command(FreePlayAction.CONSUME, 40, 0L, "W-2"))));

        assertThat(handled.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.item().messageId()).isEqualTo("c1");
            assertThat(refused.error().reason()).isEqualTo("insufficient-free-play");
        });
        assertThat(handled.results()).extracting(BatchItem::messageId).containsExactly("c2/balance");
        assertThat(credits.creditOf("C-1").orElseThrow().amount()).isEqualTo(60);
    }
}
