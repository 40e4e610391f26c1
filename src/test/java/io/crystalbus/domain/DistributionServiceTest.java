package io.crystalbus.domain;

import static io.crystalbus.domain.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.domain.distributions.MemoryAccrualBook;
import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionRunRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distributions domain on its own: commissions accrued once, a run paid once and completed by its files. */
class DistributionServiceTest {
    private final DistributionService distributions = new DistributionService(new MemoryAccrualBook(1_000, 100));

    private static CommissionAccrued commission(String wagerId, long amount) {
        return new CommissionAccrued("A-1", "C-1", wagerId, "USD", amount, "2026-W48");
    }

    @Test
    void accrualsCountOnceAndARunPaysThemOnceUntilItsFilesAreWritten() {
        distributions.accrue(List.of(item("m1/commission", commission("W-1", 50)), item("m2/commission", commission("W-2", -20))));
        distributions.accrue(List.of(item("m1/commission", commission("W-1", 50))));

        DistributionRunRequest request = new DistributionRunRequest(null, "R-1", "2026-W48");
        PayoutRun paid = distributions.run(request);
        assertThat(paid.state()).isEqualTo(PayoutRun.State.WRITING);
        assertThat(paid.payouts()).singleElement().satisfies(payout -> assertThat(payout.amount()).isEqualTo(30));
        // the file write failed: the retry gets the same payouts, nothing paid twice
        assertThat(distributions.run(request).payouts()).isEqualTo(paid.payouts());

        distributions.completed("R-1");
        assertThat(distributions.run(request)).as("a completed run is not paid again").isNull();
        assertThat(distributions.book().ofAgent("A-1")).singleElement().satisfies(accrual -> assertThat(accrual.unpaid()).isZero());
    }
}
