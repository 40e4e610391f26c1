package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.RunningBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutFileTest {

    @Test
    void theFlagsFileIsAppliedAtStartAndAgainWhenItChangesAndABadOneIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rollout.yaml");
        Files.writeString(file, "balance:\n  enabled: true\n  percent: 10\n  pilot: cbor\n");
        try (RunningBus bus = RunningBus.start(Map.of("crystal.rollout.file", file.toString()))) {
            RolloutFlags flags = bus.bean("rolloutFlags", RolloutFlags.class);
            assertThat(flags.get("balance").percent()).isEqualTo(10.0);
            assertThat(flags.get("balance").pilot()).isEqualTo("cbor");

            Files.writeString(file, "balance:\n  percent: 25.5\ndistributions:\n  enabled: true\n  percent: 5\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            await().atMost(Duration.ofSeconds(10)).until(() -> flags.get("balance").percent() == 25.5);
            assertThat(flags.get("balance").enabled()).isTrue();
            assertThat(flags.get("distributions").enabled()).isTrue();

            RolloutFile watcher = bus.context().hasService(RolloutFile.class);
            assertThat(watcher.refusals()).isZero();
            Files.writeString(file, "balance:\n  percent: 200\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.refusals() == 1);
            assertThat(watcher.lastRefusal()).get().asString().contains("percent must be between 0 and 100, not 200");
            assertThat(flags.get("balance").percent()).isEqualTo(25.5);
        }
    }
}
