package io.crystalbus.wiring;

import io.crystalbus.batch.BatchSettings;
import io.crystalbus.batch.Batcher;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireCodec;
import io.crystalbus.config.BusSettings;
import io.crystalbus.flow.Flow;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.rollout.Guardrail;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.rollout.RolloutDecider;
import io.crystalbus.rollout.RolloutPath;
import io.crystalbus.rollout.RouteVersionFallback;
import io.crystalbus.rollout.RouteVersionStep;
import io.crystalbus.wiring.settings.RolloutSettings;
import java.util.function.BiConsumer;

/**
 * The rollout of every channel: its flags, the guardrail, and per flow the decider, the groups' paths, the
 * batcher and the steps of its route versions.
 */
final class RolloutBeans {
    final RolloutFlags flags;
    final Guardrail guardrail;
    private final RolloutSettings rollout;
    private final BusSettings settings;
    private final WireCodec wire;
    private final Mappers mappers;
    private final BusMetrics metrics;

    RolloutBeans(RolloutSettings rollout, BusSettings settings, WireCodec wire, Mappers mappers, BusMetrics metrics) {
        this.rollout = rollout;
        this.settings = settings;
        this.wire = wire;
        this.mappers = mappers;
        this.metrics = metrics;
        flags = new RolloutFlags(settings);
        guardrail = new Guardrail(flags, metrics, rollout.guardrail());
    }

    RolloutSettings settings() {
        return rollout;
    }

    void bindTo(BiConsumer<String, Object> registry) {
        registry.accept("rolloutFlags", flags);
        registry.accept("guardrail", guardrail);
        for (Flow flow : Flow.channelledFlows()) {
            registry.accept(flow.rolloutBean(), new RolloutDecider(flow.id(), flags, metrics));
            registry.accept(flow.pathBean(RolloutDecider.PILOT), new RolloutPath(flow.id(), true, flags, wire));
            registry.accept(flow.pathBean(RolloutDecider.CONTROL), new RolloutPath(flow.id(), false, flags, wire));
            registry.accept(flow.routeVersionBean(), new RouteVersionStep(flow.id(), flags));
            registry.accept(flow.pilotFailedBean(), new RouteVersionFallback(flow.id(), flags, guardrail, metrics));
            registry.accept(flow.batcherBean(), new Batcher(BatchSettings.of(settings, flow.id()), mappers, metrics));
        }
    }
}
