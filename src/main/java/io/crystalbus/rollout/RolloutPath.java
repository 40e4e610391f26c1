package io.crystalbus.rollout;

import io.crystalbus.codec.WireCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One group's path through a flow's channel (beans {@code <flow>-pilot} and {@code <flow>-control}): encodes the
 * message in the wire mode the flow's rollout names for the group, or marks it for the flow's batcher (mode
 * {@code batch}). A route version's pilot messages travel as the control's, one by one; the flow's domain
 * calls the route version (template {@code route-versions}).
 */
public final class RolloutPath implements Processor {
    private final String flow;
    private final boolean pilotGroup;
    private final RolloutFlags flags;
    private final WireCodec wire;

    public RolloutPath(String flow, boolean pilotGroup, RolloutFlags flags, WireCodec wire) {
        this.flow = flow;
        this.pilotGroup = pilotGroup;
        this.flags = flags;
        this.wire = wire;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        wire.encode(exchange.getMessage(), flags.get(flow).modeOf(pilotGroup, flags.transport().defaultWireMode()));
    }
}
