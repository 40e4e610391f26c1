package io.crystalbus.rollout;

import io.crystalbus.flow.Flow;
import io.crystalbus.transport.Transport;
import io.crystalbus.config.BusSettings;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The rollout flag of every flow (a flow is named after the receiving domain's inbox), read from
 * {@code crystal.rollout.<flow>.*} at start and changed at runtime; a change takes effect for the next message.
 */
public final class RolloutFlags {
    private final ConcurrentHashMap<String, RolloutState> states = new ConcurrentHashMap<>();
    private final Transport transport;

    public RolloutFlags(BusSettings settings) {
        transport = Transport.of(settings);
        for (String flow : Flow.channelledIds()) {
            // crystal.rollout.<flow>.<name>, else crystal.rollout.default.<name>
            UnaryOperator<String> key = name -> settings.scopedKey("rollout", flow, name);
            states.put(flow, checked(flow, new RolloutState(
                    settings.flag(key.apply("enabled")),
                    RolloutState.basisPointsOf(settings.decimal(key.apply("percent"))),
                    settings.text(key.apply("key")),
                    settings.text(key.apply("pilot")),
                    // unset: the transport's own wire mode (object in this JVM, json across a broker)
                    settings.string(key.apply("control")).orElse(transport.defaultWireMode()),
                    null)));
        }
    }

    public RolloutState get(String flow) {
        RolloutState state = states.get(flow);
        if (state == null) {
            throw new IllegalArgumentException("no rollout flow '" + flow + "'; flows: " + states.keySet());
        }
        return state;
    }

    public void set(String flow, RolloutState state) {
        get(flow);
        states.put(flow, checked(flow, state));
    }

    private RolloutState checked(String flow, RolloutState state) {
        transport.checkWireMode("crystal.rollout." + flow + ".pilot", state.pilot());
        transport.checkWireMode("crystal.rollout." + flow + ".control", state.control());
        return state;
    }

    /** Where the channels' messages go: with {@code jms} they cross JVMs and carry their customer as group. */
    public Transport transport() {
        return transport;
    }

    public Map<String, RolloutState> all() {
        return new TreeMap<>(states);
    }
}
