package io.crystalbus.domain.distributions;

import io.crystalbus.batch.Batches;
import io.crystalbus.domain.FifoMap;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.DistributionPayout;
import io.crystalbus.message.DistributionRunRequest;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Message;

/** The distributions domain's handler (bean {@code distributions}): accrues commissions and runs payouts. */
public final class DistributionService {
    public static final String DOMAIN = "distributions";
    private final AccrualBook book;
    private final FifoMap<String, PayoutRun> runs;
    private final Batches batches;

    public DistributionService(AccrualBook book, int rememberedRuns, Batches batches) {
        this.book = book;
        this.runs = new FifoMap<>(rememberedRuns);
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
        runs.putIfAbsent(runId, new PayoutRun(runId, period, PayoutRun.State.ACCEPTED, List.of(), Map.of()));
    }

    /** Runs the payout; the body becomes the completed {@link PayoutRun} (null when the run was done before). Runs are rare: one at a time. */
    public synchronized void run(Message message) {
        DistributionRunRequest request = Envelope.body(message, DistributionRunRequest.class);
        PayoutRun existing = runs.get(request.runId());
        if (existing != null && existing.state() == PayoutRun.State.COMPLETED) {
            message.setBody(null);
            return;
        }
        List<DistributionPayout> payouts = book.payOut(request.runId(), request.period());
        PayoutRun run = new PayoutRun(request.runId(), request.period(), PayoutRun.State.COMPLETED, payouts, PayoutRun.totalsOf(payouts));
        runs.put(run.runId(), run);
        message.setHeader(CrystalHeaders.TYPE, MessageType.DISTRIBUTION_PAYOUT.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.setBody(run);
    }

    public Optional<PayoutRun> runStatus(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public AccrualBook book() {
        return book;
    }
}
