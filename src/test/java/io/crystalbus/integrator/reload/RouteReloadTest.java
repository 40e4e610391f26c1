package io.crystalbus.integrator.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.domain.tally.Tallies;
import io.crystalbus.support.BalanceRouteFile;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route files changed while wagers flow over HTTP: a change takes effect, a broken change is refused and the
 * running routes go on, and every accepted wager is applied exactly once with no dead letter.
 */
class RouteReloadTest {
    private static final String BALANCE = BalanceRouteFile.NAME;
    // the change: each adjustment the balance route applies one by one is also counted in a tally
    private static final String COUNT = """
                            - setProperty:
                                name: counted
                                method:
                                  ref: tallies
                                  method: "add('reloaded', 'adjustments', 1)"
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aChangeTakesEffectUnderTrafficABrokenOneIsRefusedAndNothingIsLostOrAppliedTwice(@TempDir Path dir) throws Exception {
        String shipped = BalanceRouteFile.shipped();
        Files.writeString(dir.resolve(BALANCE), shipped);
        try (RunningBus bus = RunningBus.start(Map.of("crystal.routes.dir", dir.toString(), RouteReloading.RELOAD, "true"))) {
            Tallies tallies = bus.bean("tallies", Tallies.class);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Thread traffic = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int status = bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-rl-" + i, "C-rl")).statusCode();
                    (status == 202 ? accepted : refused).incrementAndGet();
                }
            });
            traffic.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() > 100);
                assertThat(tallies.total("reloaded", "adjustments")).isZero();

                Files.writeString(dir.resolve(BALANCE), BalanceRouteFile.withStepsAroundApply("", COUNT));
                await().atMost(Duration.ofSeconds(30)).until(() -> tallies.total("reloaded", "adjustments") > 100);

                // a key misspelt: refused with validate's message; the changed routes keep running
                RouteReloader reloader = bus.context().hasService(RouteReloader.class);
                assertThat(reloader.refusals()).isZero();
                Files.writeString(dir.resolve(BALANCE), shipped.replace("steps:", "stepz:"));
                await().atMost(Duration.ofSeconds(30)).until(() -> reloader.refusals() == 1);
                assertThat(reloader.lastRefusal()).get().satisfies(refusal -> {
                    assertThat(refusal.file()).isEqualTo(BALANCE);
                    assertThat(String.join("\n", refusal.problems())).contains(BALANCE + ":").contains("stepz");
                });
                long counted = tallies.total("reloaded", "adjustments");
                await().atMost(Duration.ofSeconds(10)).until(() -> tallies.total("reloaded", "adjustments") > counted + 100);
                assertThat(bus.context().getRoute("channel-balance")).isNotNull();
            } finally {
                stop.set(true);
                traffic.join(10_000);
            }
            assertThat(refused.get()).isZero();
            long expected = 2500L * accepted.get();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus, "C-rl")).isEqualTo(expected));
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }

    @Test
    void anAddedFileIsLoadedAndAChangeToTheSharedErrorHandlingReloadsEveryRoute(@TempDir Path dir) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.routes.dir", dir.toString(), RouteReloading.RELOAD, "true"))) {
            Tallies tallies = bus.bean("tallies", Tallies.class);
            int shippedRoutes = bus.context().getRoutes().size();
            Files.writeString(dir.resolve("heartbeat.camel.yaml"), """
                    - route:
                        id: heartbeat
                        from:
                          uri: timer:heartbeat?period=50
                          steps:
                            - setProperty:
                                name: counted
                                method:
                                  ref: tallies
                                  method: "add('reloaded', 'heartbeats', 1)"
                    """);
            await().atMost(Duration.ofSeconds(30)).until(() -> tallies.total("reloaded", "heartbeats") > 3);

            Route settlement = bus.context().getRoute("settlement");
            String configuration = Files.readString(Path.of("src/main/resources/routes/route-configuration.camel.yaml"));
            Files.writeString(dir.resolve("route-configuration.camel.yaml"),
                    configuration.replace("maximumRedeliveries: \"{{crystal.redelivery.maximum}}\"", "maximumRedeliveries: 1"));
            // the reload is through when the settlement route is a new one and every route is back (during it,
            // the routes come back one by one)
            await().atMost(Duration.ofSeconds(30)).until(() -> bus.context().getRoute("settlement") != settlement
                    && bus.context().getRoute("settlement") != null && bus.context().getRoutes().size() == shippedRoutes + 1);
            assertThat(bus.context().getRoute("heartbeat")).isNotNull();
            assertThat(bus.context().getRoute("settlement-completed")).isNotNull();

            for (int i = 0; i < 20; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-rc-" + i, "C-rc")).statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus, "C-rc")).isEqualTo(20 * 2500L));
            assertThat(tallies.total("reloaded", "heartbeats")).isGreaterThan(3);
        }
    }

    private long balanceOf(RunningBus bus, String customer) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong();
    }
}
