package io.crystalbus.domain;

import static io.crystalbus.domain.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.collections.CollectionService;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CollectionReceived;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collections domain on its own: a valid collection becomes a credit, an invalid one is refused alone. */
class CollectionServiceTest {

    @Test
    void eachValidCollectionBecomesACreditUnderItsIdAndAnInvalidOneIsRefused() {
        Handled<BalanceAdjust> handled = new CollectionService().credit(List.of(
                item("k1", new CollectionReceived(null, "K-1", "C-1", "A-1", "USD", 2500L, "card")),
                item("k2", new CollectionReceived(null, "K-2", "C-1", "A-1", "USD", -5L, "card"))));

        assertThat(handled.results()).singleElement().satisfies(result -> {
            assertThat(result.messageId()).isEqualTo("k1/balance");
            assertThat(result.message()).isEqualTo(new BalanceAdjust("C-1", "USD", 2500, AdjustReason.COLLECTION, "K-1"));
        });
        assertThat(handled.refused()).singleElement().satisfies(refused -> assertThat(refused.item().messageId()).isEqualTo("k2"));
    }
}
