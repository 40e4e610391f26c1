package io.crystalbus.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The flows between domains, declared once. A flow is named after the domain that receives it, and that one name
 * ({@code free-play}, with the hyphen of the route files and property keys) is used everywhere inside the bus:
 * its inbox {@code crystal.inbox.<flow>}, its queue, its domain route (which takes each message from the queue,
 * calls the route of the domain's steps {@code <flow>-steps} and retries the message when it fails) and bean,
 * and, for a flow with a channel, the routes {@code channel-<flow>} and {@code <flow>-batches} (instances of the
 * templates in {@code channels.camel.yaml}) and the beans {@code <flow>-rollout} and {@code <flow>-batcher}. The
 * wire names {@code freeplay.<action>} and the path {@code /api/v1/freeplay} are the published API and keep their
 * spelling.
 *
 * <p>Declared in the order the flows stop, senders first (settlement sends to the others); they start in the
 * reverse order, so a flow's receivers run before its senders.
 */
public enum Flow {
    SETTLEMENT("settlement", 50, false),
    COLLECTIONS("collections", 40, false),
    DISTRIBUTIONS("distributions", 30, true),
    FREE_PLAY("free-play", 20, true),
    BALANCE("balance", 10, true);

    // the domain route starts after its route versions and its steps; the routes that feed its inbox after it:
    // batches, then the channel
    private static final int STEPS_BEFORE = 2;
    private static final int VERSIONS_BEFORE = 1;
    private static final int BATCHES_AFTER = 2;
    private static final int CHANNEL_AFTER = 5;
    // computed once: health checks and the draining stop ask for them on every poll
    private static final List<Flow> CHANNELLED = Arrays.stream(values()).filter(flow -> flow.channelled).toList();
    private static final List<String> IDS = Arrays.stream(values()).map(flow -> flow.id).toList();
    private static final List<String> CHANNELLED_IDS = CHANNELLED.stream().map(flow -> flow.id).toList();

    private final String id;
    private final int startupOrder;
    private final boolean channelled;

    Flow(String id, int startupOrder, boolean channelled) {
        this.id = id;
        this.startupOrder = startupOrder;
        this.channelled = channelled;
    }

    /** The flow's one name: its domain, its inbox, its domain route and its bean. */
    public String id() {
        return id;
    }

    /** The property naming the inbox endpoint, which route files write as {@code {{crystal.inbox.<flow>}}}. */
    public String inboxProperty() {
        return "crystal.inbox." + id;
    }

    /** The route of the domain's steps ({@code direct:<flow>-steps}): the domain route calls it under its retries. */
    public String stepsRoute() {
        return id + "-steps";
    }

    /** The bean the domain route calls. */
    public String bean() {
        return id;
    }

    /**
     * Whether senders reach this flow through a channel ({@code direct:channel-<flow>}), which decides the
     * rollout group (sticky by the flow's rollout key) and can batch; the others are sent to their inbox directly.
     */
    public boolean channelled() {
        return channelled;
    }

    public String channelRoute() {
        return "channel-" + id;
    }

    public String batchesRoute() {
        return id + "-batches";
    }

    /**
     * The route a channelled flow's domain route calls ({@code direct:<flow>-versions}, template
     * {@code route-versions}): the domain's steps, or for a pilot message the route version under trial.
     */
    public String versionsRoute() {
        return id + "-versions";
    }

    /** The channel's rollout decider. */
    public String rolloutBean() {
        return id + "-rollout";
    }

    /** The channel's path of a rollout group ({@code pilot}, {@code control}): the bean {@code <flow>-<group>}. */
    public String pathBean(String group) {
        return id + "-" + group;
    }

    /** The first step of the flow's route versions: whether the message takes the pilot's route version. */
    public String routeVersionBean() {
        return id + "-route-version";
    }

    /** Where a message that failed on the pilot's route version is caught, before the domain's steps. */
    public String pilotFailedBean() {
        return id + "-pilot-failed";
    }

    public String batcherBean() {
        return id + "-batcher";
    }

    /** Every flow, in the order their routes stop. */
    public static List<Flow> all() {
        return List.of(values());
    }

    /** The flows that have a channel. */
    public static List<Flow> channelledFlows() {
        return CHANNELLED;
    }

    /** The names of every flow, in the order their routes stop. */
    public static List<String> ids() {
        return IDS;
    }

    /** The names of the flows that have a channel. */
    public static List<String> channelledIds() {
        return CHANNELLED_IDS;
    }

    /**
     * The start order of one of the flows' routes (its domain route, steps route, channel or batches route), or
     * empty for any other route. A route file need not, and should not, set these: an integrator's version of a
     * flow's route starts and stops where the shipped one did.
     */
    public static Optional<Integer> startupOrderOf(String routeId) {
        for (Flow flow : values()) {
            if (flow.id.equals(routeId)) {
                return Optional.of(flow.startupOrder);
            }
            if (flow.stepsRoute().equals(routeId)) {
                return Optional.of(flow.startupOrder - STEPS_BEFORE);
            }
            if (flow.channelled && flow.versionsRoute().equals(routeId)) {
                return Optional.of(flow.startupOrder - VERSIONS_BEFORE);
            }
            if (flow.channelled && flow.batchesRoute().equals(routeId)) {
                return Optional.of(flow.startupOrder + BATCHES_AFTER);
            }
            if (flow.channelled && flow.channelRoute().equals(routeId)) {
                return Optional.of(flow.startupOrder + CHANNEL_AFTER);
            }
        }
        return Optional.empty();
    }
}
