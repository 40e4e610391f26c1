package io.crystalbus.domain.distributions;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionRunRequest;
import java.util.List;
import java.util.Optional;

/**
 * The distributions domain: accrues commissions and runs payouts. A run is paid in the {@link AccrualBook} first
 * (payouts and paid accruals recorded together), then its files are written, and only then {@link #completed}
 * marks it done: a run whose write fails is retried with the same payouts, which give the same files.
 */
public final class DistributionService {
    public static final String DOMAIN = "distributions";
    private final AccrualBook book;

    public DistributionService(AccrualBook book) {
        this.book = book;
    }

    /** Accrues the commissions (one, or a batch) as one operation, each message id once; nothing is sent on. */
    public Handled<Void> accrue(List<BatchItem<CommissionAccrued>> accruals) {
        book.accrueAll(accruals);
        return Handled.nothingSent(List.of());
    }

    /** Records a run request the API accepted, so its status can be asked before it runs. */
    public void runAccepted(String runId, String period) {
        book.runAccepted(runId, period);
    }

    /** Pays the run: the {@link PayoutRun} whose files are to be written, or null when the run was completed before. */
    public PayoutRun run(DistributionRunRequest request) {
        PayoutRun run = book.pay(request.runId(), request.period());
        return run.state() == PayoutRun.State.COMPLETED ? null : run;
    }

    /** The run's files are written: the run is completed. */
    public void completed(String runId) {
        book.completed(runId);
    }

    public Optional<PayoutRun> runStatus(String runId) {
        return book.run(runId);
    }

    public AccrualBook book() {
        return book;
    }
}
