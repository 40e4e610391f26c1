package io.crystalbus.rollout;

import io.crystalbus.codec.WireCodec;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.observe.BusMetrics;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The rollout steps of a channel route (bean {@code rollout}): {@link #decide} sets the
 * {@code CrystalRolloutGroup} header that the route's {@code choice} branches on, and the two branches encode
 * the message in the flow's pilot or control wire mode.
 */
public final class RolloutRouter {
    public static final String PILOT = "pilot";
    public static final String CONTROL = "control";
    private final RolloutFlags flags;
    private final WireCodec wire;
    private final BusMetrics metrics;

    public RolloutRouter(RolloutFlags flags, WireCodec wire, BusMetrics metrics) {
        this.flags = flags;
        this.wire = wire;
        this.metrics = metrics;
    }

    public void decide(Exchange exchange, String flow) {
        RolloutState state = flags.get(flow);
        Message message = exchange.getMessage();
        boolean pilot = state.enabled() && state.isPilot(RecordKeys.read(message.getBody(), state.key()));
        String group = pilot ? PILOT : CONTROL;
        message.setHeader(CrystalHeaders.ROLLOUT_GROUP, group);
        metrics.rolloutDecision(flow, group);
    }

    public void encodePilot(Exchange exchange, String flow) throws IOException {
        wire.encode(exchange.getMessage(), flags.get(flow).pilot());
    }

    public void encodeControl(Exchange exchange, String flow) throws IOException {
        wire.encode(exchange.getMessage(), flags.get(flow).control());
    }

    public RolloutFlags flags() {
        return flags;
    }
}
