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
 * The rollout step of one flow's channel route (bean {@code <flow>-rollout}, e.g. {@code balance-rollout}):
 * decides the message's group, pilot for a sticky share of keys and control for the rest, marks it in
 * {@code CrystalRolloutGroup}, and encodes it in that group's wire mode (mode {@code batch} marks it for the
 * flow's batcher instead). A plain processor, one per flow: a {@code bean} step with arguments costs Camel a
 * method lookup and an argument parse per message; a profile of the batched balance flow found bean
 * invocation in 43% of its samples when the channel used three bean steps.
 *
 * <p>A {@link Batch} (a domain that handled a batch sends its follow-ups as one) goes on whole only when every
 * message in it takes a batched path; otherwise it is marked {@code CrystalUnbatch} and the route splits it,
 * so each message is decided again on its own: a batch upstream never changes how a channel carries its
 * messages.
 */
public final class RolloutRouter implements Processor {
    public static final String PILOT = "pilot";
    public static final String CONTROL = "control";
    private final String flow;
    private final RolloutFlags flags;
    private final WireCodec wire;
    private final BusMetrics metrics;

    public RolloutRouter(String flow, RolloutFlags flags, WireCodec wire, BusMetrics metrics) {
        this.flow = flow;
        this.flags = flags;
        this.wire = wire;
        this.metrics = metrics;
        flags.get(flow);
    }

    /** The bean name of a flow's rollout step. */
    @Override
    public void process(Exchange exchange) throws Exception {
        RolloutState state = flags.get(flow);
        Message message = exchange.getMessage();
        if (message.getBody() instanceof Batch batch) {
            routeWhole(message, batch, state);
            return;
        }
        boolean pilot = state.enabled() && state.isPilot(RecordKeys.read(message.getBody(), state.key()));
        String group = pilot ? PILOT : CONTROL;
        message.setHeader(CrystalHeaders.ROLLOUT_GROUP, group);
        if (flags.transport() == Transport.JMS) {
            // read here, while the body is still the record: the wire encoding below turns it into bytes
            String customer = Transport.groupOf(message.getBody());
            if (customer != null) {
                message.setHeader(CrystalHeaders.GROUP, customer);
            }
        }
        metrics.rolloutDecision(flow, group);
        wire.encode(message, pilot ? state.pilot() : state.control());
    }

    private void routeWhole(Message message, Batch batch, RolloutState state) {
        int pilots = 0;
        for (BatchItem<?> item : batch.items()) {
            boolean pilot = state.enabled() && state.isPilot(RecordKeys.read(item.message(), state.key()));
            if (!WireCodec.BATCH_MODE.equals(pilot ? state.pilot() : state.control())) {
                message.setHeader(CrystalHeaders.UNBATCH, Boolean.TRUE);
                return;
            }
            pilots += pilot ? 1 : 0;
        }
        metrics.rolloutDecisions(flow, PILOT, pilots);
        metrics.rolloutDecisions(flow, CONTROL, batch.items().size() - pilots);
        message.setHeader(CrystalHeaders.BATCHED, Boolean.TRUE);
    }
}
