package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.RunningBus;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * No meter tag comes from request data: thousands of distinct paths (unknown ones, oversized bodies to a path
 * with a parameter, reads of distinct ids, bad messages) leave the scrape with the same series as before.
 */
class BoundedMetersTest {
    private static final int DISTINCT = 1_500;

    @Test
    void distinctPathsAddNoSeries() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("camel.server.maxBodySize", "1024"))) {
            byte[] oversized = new byte[4096];
            IntConsumer requests = i -> {
                bus.get("/api/v1/unknown/" + i);
                bus.get("/api/v1/balances/C-meter-" + i);
                bus.post("/api/v1/dead-letters/" + i + "/replay", "application/json", oversized);
                bus.get("/api/v1/admin/rollout/flow-" + i);
                bus.post("/api/v1/wagers/settled", "application/json", "{\"wagerId\":\"W-" + i + "\"}");
            };
            for (int i = 0; i < 3; i++) {
                requests.accept(i);
            }
            Set<String> before = series(bus);
            for (int i = 3; i < DISTINCT; i++) {
                requests.accept(i);
            }
            Set<String> after = series(bus);
            assertThat(after).as("series after %d distinct paths", DISTINCT).isEqualTo(before);
            assertThat(before).anySatisfy(s -> assertThat(s).contains("stage=\"ingress:oversized\""));
        }
    }

    /** The scrape's series: each sample line without its value (JVM and process meters left out: they move on their own). */
    private static Set<String> series(RunningBus bus) {
        Set<String> series = new TreeSet<>();
        for (String line : bus.management("/observe/metrics").body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank() && !line.startsWith("jvm_") && !line.startsWith("process_")) {
                series.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return series;
    }
}
