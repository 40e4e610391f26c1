package io.crystalbus.rollout;

import io.crystalbus.flow.Flow;
import io.crystalbus.transport.Transport;
import io.crystalbus.config.BusSettings;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The rollout flag of every flow (a flow is named after the receiving domain's inbox), read from
 * {@code crystal.rollout.<flow>.*} at start and changed at runtime; a change takes effect for the next message.
 */
public final class RolloutFlags {
    private final ConcurrentHashMap<String, RolloutState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RolloutCounts> counts = new ConcurrentHashMap<>();
    private final Transport transport;
    // until the routes exist (the flags are read before them) any route version is taken as named
    private volatile Predicate<String> routeVersionExists = id -> true;

    public RolloutFlags(BusSettings settings) {
        transport = Transport.of(settings);
        for (String flow : Flow.channelledIds()) {
            // crystal.rollout.<flow>.<name>, else crystal.rollout.default.<name>
            UnaryOperator<String> key = name -> settings.scopedKey("rollout", flow, name);
            counts.put(flow, new RolloutCounts());
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

    /** The decisions and fallbacks of a flow's rollout since the start. */
    public RolloutCounts counts(String flow) {
        get(flow);
        return counts.get(flow);
    }

    /**
     * From now on a change that names a route version {@code route:<id>} is refused unless the check finds a
     * route {@code <id>} whose input is {@code direct:<id>}.
     */
    public void checkRouteVersionsWith(Predicate<String> exists) {
        routeVersionExists = exists;
    }

    private RolloutState checked(String flow, RolloutState state) {
        String route = state.pilotRoute();
        if (route != null) {
            if (!routeVersionExists.test(route)) {
                throw new IllegalArgumentException("pilot: no route '" + route + "' with input direct:" + route
                        + " (a route version is a route of a route file, e.g. one that starts from: direct:" + route + ")");
            }
        } else {
            transport.checkWireMode("crystal.rollout." + flow + ".pilot", state.pilot());
        }
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
