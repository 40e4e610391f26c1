package io.crystalbus.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.flow.Flow;
import io.crystalbus.support.RunningBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped route file loads and starts; the integrators' directory replaces and adds files. */
class RouteFilesTest {
    private static final Path SHIPPED = Path.of("src/main/resources/routes");
    // a route's id, a template instance's routeId, a rest verb's id (its route's), the OpenAPI document's route
    private static final Pattern ROUTE_ID = Pattern.compile("^(?:- route:\\s*\\n\\s+id|- templatedRoute:\\s*\\n(?:\\s+\\S.*\\n)*?\\s+routeId"
            + "|      - path: .*\\n        id|\\s+apiContextRouteId): (\\S+)", Pattern.MULTILINE);

    private static List<String> routeIdsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(RouteFiles.SUFFIX)).flatMap(f -> {
                try {
                    Matcher m = ROUTE_ID.matcher(Files.readString(f));
                    return m.results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void everyShippedRouteStarts() throws Exception {
        List<String> declared = routeIdsIn(SHIPPED);
        assertThat(declared).contains("settlement", "balance", "free-play", "distributions", "collections", "dead-letter");
        try (RunningBus bus = RunningBus.start()) {
            assertThat(bus.context().getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrderElementsOf(declared);
            for (String id : declared) {
                assertThat(bus.context().getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started);
            }
        }
    }

    @Test
    void aFileInTheRoutesDirectoryReplacesTheShippedOneOfTheSameNameAndAddsNewOnes(@TempDir Path dir) throws Exception {
        String collections = Files.readString(SHIPPED.resolve("collections.camel.yaml")).replace("id: collections", "id: collections-custom");
        Files.writeString(dir.resolve("collections.camel.yaml"), collections);
        Files.writeString(dir.resolve("loyalty.camel.yaml"), """
                - route:
                    id: loyalty
                    from:
                      uri: direct:loyalty
                      steps:
                        - log: "points for ${body}"
                """);
        try (RunningBus bus = RunningBus.start(Map.of(CrystalBusRoutes.ROUTES_DIR, dir.toString()))) {
            assertThat(bus.context().getRoute("collections")).isNull();
            assertThat(bus.context().getRoute("collections-custom")).isNotNull();
            assertThat(bus.context().getRoute("loyalty")).isNotNull();
            assertThat(bus.context().getRoute("settlement")).isNotNull();
        }
    }

    @Test
    void aFlowsRoutesStartInTheDeclaredOrderReceiversFirstAlsoFromAnOverriddenFile(@TempDir Path dir) throws Exception {
        // the integrator's balance file carries its own route only, and no start order
        Files.writeString(dir.resolve("balance.camel.yaml"), Files.readString(SHIPPED.resolve("balance.camel.yaml"))
                .replace("id: balance\n", "id: balance\n    description: the integrator's balance\n"));
        try (RunningBus bus = RunningBus.start(Map.of(CrystalBusRoutes.ROUTES_DIR, dir.toString()))) {
            assertThat(bus.context().getRoute("balance").getDescription()).isEqualTo("the integrator's balance");
            Map<String, Integer> order = new java.util.HashMap<>();
            bus.context().getRoutes().forEach(route -> order.put(route.getRouteId(), route.getStartupOrder()));
            for (Flow flow : Flow.channelledFlows()) {
                // a channel hands messages to its batches route and inbox: both run before it, and the domain first
                assertThat(order.get(flow.id())).as(flow.id()).isEqualTo(Flow.startupOrderOf(flow.id()).orElseThrow())
                        .isLessThan(order.get(flow.batchesRoute())).isLessThan(order.get(flow.channelRoute()));
                // settlement sends to every channel: it starts after them and stops before them
                assertThat(order.get(flow.channelRoute())).isLessThan(order.get(Flow.SETTLEMENT.id()));
            }
            assertThat(order.get(Flow.BALANCE.channelRoute())).isLessThan(order.get(Flow.FREE_PLAY.id()));
        }
    }

    @Test
    void aBrokenPlaceholderFailsTheStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.camel.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: "{{crystal.inbox.no-such-domain}}"
                      steps:
                        - log: never
                """);
        assertThatThrownBy(() -> RunningBus.start(Map.of(CrystalBusRoutes.ROUTES_DIR, dir.toString())).close())
                .hasStackTraceContaining("crystal.inbox.no-such-domain");
    }

    @Test
    void anUnknownBeanFailsTheStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.camel.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - bean:
                            ref: noSuchBean
                            method: handle
                """);
        assertThatThrownBy(() -> RunningBus.start(Map.of(CrystalBusRoutes.ROUTES_DIR, dir.toString())).close())
                .hasStackTraceContaining("noSuchBean");
    }

    @Test
    void inboxesAreBoundedSedaQueuesThatBlockWhenFull() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.queue.balance.size", "123"))) {
            String balance = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.balance}}");
            assertThat(balance).startsWith("seda:balance?size=123&").contains("blockWhenFull=true", "offerTimeout=2000", "concurrentConsumers=4");
            assertThat(bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}")).contains("size=10000", "concurrentConsumers=2");
        }
    }
}
