package io.crystalbus.rollout;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.codec.WireCodec;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.transport.Transport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The rollout decider of one flow's channel route (bean {@code <flow>-rollout}, e.g. {@code balance-rollout}):
 * puts the message in a group, pilot for a sticky share of keys and control for the rest, and only marks it
 * ({@code CrystalRolloutGroup}); the channel's {@code choice} on that header then takes the group's path
 * ({@link RolloutPath}). A plain processor, one per flow: a {@code bean} step with arguments costs Camel a
 * method lookup and an argument parse per message; a profile of the batched balance flow found bean
 * invocation in 43% of its samples when the channel used three bean steps.
 *
 * <p>A {@link Batch} (a domain that handled a batch sends its follow-ups as one) goes on whole only when every
 * message in it takes a batched path ({@code CrystalBatched}, no group); otherwise it is marked
 * {@code CrystalUnbatch} and the route splits it, so each message is decided again on its own: a batch upstream
 * never changes how a channel carries its messages.
 */
public final class RolloutDecider implements Processor {
    public static final String PILOT = "pilot";
    public static final String CONTROL = "control";
    /** The group of a message that failed on the pilot's route version and was handled by the domain's steps. */
    public static final String FALLBACK = "fallback";
    private final String flow;
    private final RolloutFlags flags;
    private final RolloutCounts counts;
    private final BusMetrics metrics;

    public RolloutDecider(String flow, RolloutFlags flags, BusMetrics metrics) {
        this.flow = flow;
        this.flags = flags;
        this.counts = flags.counts(flow);
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        RolloutState state = flags.get(flow);
        Message message = exchange.getMessage();
        if (message.getBody() instanceof Batch batch) {
            routeWhole(message, batch, state);
            return;
        }
        boolean pilot = state.isPilot(RecordKeys.read(message.getBody(), state.key()));
        String group = pilot ? PILOT : CONTROL;
        message.setHeader(CrystalHeaders.ROLLOUT_GROUP, group);
        if (flags.transport() == Transport.JMS) {
            // read here, while the body is still the record: the group's path encodes it into bytes
            String customer = Transport.groupOf(message.getBody());
            if (customer != null) {
                message.setHeader(CrystalHeaders.GROUP, customer);
            }
        }
        counts.decided(pilot, 1);
        metrics.rolloutDecision(flow, group);
    }

    private void routeWhole(Message message, Batch batch, RolloutState state) {
        String unbatched = flags.transport().defaultWireMode();
        int pilots = 0;
        for (BatchItem<?> item : batch.items()) {
            boolean pilot = state.isPilot(RecordKeys.read(item.message(), state.key()));
            if (!WireCodec.BATCH_MODE.equals(state.modeOf(pilot, unbatched))) {
                message.setHeader(CrystalHeaders.UNBATCH, Boolean.TRUE);
                return;
            }
            pilots += pilot ? 1 : 0;
        }
        int controls = batch.items().size() - pilots;
        counts.decided(true, pilots);
        counts.decided(false, controls);
        metrics.rolloutDecisions(flow, PILOT, pilots);
        metrics.rolloutDecisions(flow, CONTROL, controls);
        message.setHeader(CrystalHeaders.BATCHED, Boolean.TRUE);
    }
}
