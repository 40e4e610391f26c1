package io.crystalbus.wiring.settings;

import io.crystalbus.rollout.Guardrail;
import io.crystalbus.config.BusSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rollout's guardrail ({@code crystal.rollout.guardrail.*}) and flags file ({@code crystal.rollout.file}); the
 * flags themselves are read per flow by {@link io.crystalbus.rollout.RolloutFlags}.
 */
public record RolloutSettings(Guardrail.Limits guardrail, Optional<Path> flagsFile) {

    public static RolloutSettings from(BusSettings settings) {
        return new RolloutSettings(new Guardrail.Limits(
                settings.integer("crystal.rollout.guardrail.window-seconds"),
                settings.integer("crystal.rollout.guardrail.min-samples"),
                settings.decimal("crystal.rollout.guardrail.max-failure-rate-increase"),
                settings.decimal("crystal.rollout.guardrail.max-latency-ratio")),
                settings.string("crystal.rollout.file").map(Path::of));
    }
}
