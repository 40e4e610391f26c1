package io.crystalbus.domain.distributions;

import io.crystalbus.batch.Batches;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.DistributionRunRequest;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import java.util.Optional;
import org.apache.camel.Message;

/**
 * The distributions domain's handler (bean {@code distributions}): accrues commissions and runs payouts. A run is
 * paid in the {@link AccrualBook} first (payouts and paid accruals recorded together), then its files are
 * written, and only then {@link #completed} marks it done: a run whose write fails is retried with the same
 * payouts, which give the same files.
 */
public final class DistributionService {
    public static final String DOMAIN = "distributions";
    private final AccrualBook book;
    private final Batches batches;

    public DistributionService(AccrualBook book, Batches batches) {
        this.book = book;
        this.batches = batches;
    }

    public void accrue(Message message) {
        book.accrue(Envelope.messageId(message), Envelope.body(message, CommissionAccrued.class));
    }

    /** Accrues a batch of commissions at once, each message id once. */
    public void accrueBatch(Message message) {
        book.accrueAll(batches.items(message, CommissionAccrued.class));
    }

    /** Records a run request the API accepted, so its status can be asked before it runs. */
    public void runAccepted(String runId, String period) {
        book.runAccepted(runId, period);
    }

    /**
     * Pays the run; the body becomes the {@link PayoutRun} whose files are to be written, or null when the run was
     * completed before.
     */
    public void run(Message message) {
        DistributionRunRequest request = Envelope.body(message, DistributionRunRequest.class);
        PayoutRun run = book.pay(request.runId(), request.period());
        message.setHeader(CrystalHeaders.TYPE, MessageType.DISTRIBUTION_PAYOUT.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.setHeader(CrystalHeaders.RUN_ID, run.runId());
        message.setBody(run.state() == PayoutRun.State.COMPLETED ? null : run);
    }

    /** The run's files (header {@code CrystalRunId}) are written: the run is completed. */
    public void completed(Message message) {
        book.completed(message.getHeader(CrystalHeaders.RUN_ID, String.class));
    }

    public Optional<PayoutRun> runStatus(String runId) {
        return book.run(runId);
    }

    public AccrualBook book() {
        return book;
    }
}
