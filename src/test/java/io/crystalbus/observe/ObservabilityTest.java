package io.crystalbus.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.alert.Alert;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /observe/metrics, /observe/health, alerts and the Jolokia policy on a running bus. */
class ObservabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Alert> ALERTS = new CopyOnWriteArrayList<>();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(Map.of(
                "crystal.queue.collections.size", "100",
                "crystal.alerts.file", "classpath:test-alerts.yaml",
                "crystal.alerts.interval-ms", "100"));
        AdviceWith.adviceWith(bus.context(), "alert", route -> route.weaveAddLast()
                .process(exchange -> ALERTS.add(exchange.getMessage().getBody(Alert.class))));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static double metric(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("series " + series + " in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** How much a series grew between two scrapes (absent before counts as 0). */
    private static double growth(String before, String after, String series) {
        boolean existed = Pattern.compile("^" + Pattern.quote(series) + " ", Pattern.MULTILINE).matcher(before).find();
        return metric(after, series) - (existed ? metric(before, series) : 0);
    }

    @Test
    void theScrapeShowsEveryDocumentedMeterWithValuesThatMatchTheTraffic() throws Exception {
        int wagers = 25;
        String before = bus.management("/observe/metrics").body();
        double settledBefore = before.contains("crystal_settlement_duration_seconds_count ")
                ? metric(before, "crystal_settlement_duration_seconds_count") : 0;
        for (int i = 0; i < wagers; i++) {
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.json("W-m-" + i, "C-m", "A-m", 1000, 0, "LOSS", false)).statusCode()).isEqualTo(202);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(bus.postJson("/api/v1/wagers/settled", "{\"outcome\":\"DRAW\"}").statusCode()).isEqualTo(400);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                metric(bus.management("/observe/metrics").body(), "crystal_settlement_duration_seconds_count") == settledBefore + wagers);
        String scrape = bus.management("/observe/metrics").body();

        assertThat(growth(before, scrape, "crystal_settlement_duration_seconds_count")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_messages_total{domain=\"settlement\",outcome=\"ok\",type=\"wager.settled\"}")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_messages_total{domain=\"balance\",outcome=\"ok\",type=\"balance.adjust\"}")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_messages_total{domain=\"distributions\",outcome=\"ok\",type=\"commission.accrued\"}")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_hop_duration_seconds_count{mode=\"object\",source=\"api\",target=\"settlement\"}")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_hop_duration_seconds_count{mode=\"object\",source=\"settlement\",target=\"balance\"}")).isEqualTo(wagers);
        assertThat(growth(before, scrape, "crystal_dead_letters_total{reason=\"invalid\",stage=\"ingress:api-wagers-settled\"}")).isEqualTo(3);
        assertThat(metric(scrape, "crystal_inbox_capacity{domain=\"collections\"}")).isEqualTo(100);
        assertThat(metric(scrape, "crystal_inbox_depth{domain=\"balance\"}")).isZero();
        // percentiles and histogram buckets from microseconds to seconds
        assertThat(metric(scrape, "crystal_settlement_duration_percentile_seconds{quantile=\"0.99\"}")).isPositive();
        assertThat(metric(scrape, "crystal_settlement_duration_seconds_bucket{le=\"5.0E-6\"}")).isZero();
        assertThat(metric(scrape, "crystal_settlement_duration_seconds_bucket{le=\"2.0\"}")).isGreaterThanOrEqualTo(wagers);
        assertThat(metric(scrape, "crystal_hop_duration_seconds_bucket{mode=\"object\",source=\"api\",target=\"settlement\",le=\"30.0\"}"))
                .isGreaterThanOrEqualTo(wagers);
        // per route, read from the statistics JMX and Hawtio show: the same counts, under Camel's route-policy names
        ManagedCamelContext jmx = bus.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        for (String route : List.of("settlement", "balance", "ingest-settlement", "api-wagers-settled")) {
            String tags = "{camelContext=\"" + bus.context().getName() + "\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"" + route + "\"}";
            ManagedRouteMBean hawtio = jmx.getManagedRoute(route);
            assertThat(metric(scrape, "camel_exchanges_total" + tags)).as(route).isEqualTo(hawtio.getExchangesTotal()).isPositive();
            assertThat(metric(scrape, "camel_exchanges_failed_total" + tags)).as(route).isEqualTo(hawtio.getExchangesFailed());
            assertThat(metric(scrape, "camel_exchanges_inflight" + tags)).as(route).isZero();
            assertThat(metric(scrape, "camel_route_policy_seconds_count" + tags)).as(route).isEqualTo(hawtio.getExchangesTotal());
            assertThat(metric(scrape, "camel_route_policy_seconds_sum" + tags)).as(route).isEqualTo(hawtio.getTotalProcessingTime() / 1000.0);
        }
        // each route in its group, in Hawtio (the route's group) and for dashboards (crystal_route_info)
        Map<String, String> groups = Map.of("settlement", "domain", "balance-steps", "domain", "channel-balance", "channel",
                "balance-versions", "channel", "api-wagers-settled", "api", "ingest-settlement", "api", "dead-letter", "system");
        groups.forEach((route, group) -> {
            assertThat(jmx.getManagedRoute(route).getRouteGroup()).as(route).isEqualTo(group);
            assertThat(metric(scrape, "crystal_route_info{routeGroup=\"" + group + "\",routeId=\"" + route + "\"}")).as(route).isEqualTo(1);
        });
        String settlementRoute = "{camelContext=\"" + bus.context().getName() + "\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"settlement\"}";
        assertThat(growth(before, scrape, "camel_exchanges_total" + settlementRoute)).isEqualTo(wagers);
        // the JVM binders
        for (String camelAndJvm : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds")) {
            assertThat(scrape.contains(camelAndJvm)).as(camelAndJvm + " in the scrape").isTrue();
        }
    }

    @Test
    void readinessGoesDownWhileAnInboxIsOverItsFillLevelAndAnAlertFiresAndResolves() throws Exception {
        // ready once every polling consumer (the file drop) has polled
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.management("/observe/health/ready").statusCode() == 200);
        bus.context().getRouteController().suspendRoute("collections");
        try {
            fillAndWatch();
        } finally {
            bus.context().getRouteController().resumeRoute("collections");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.management("/observe/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> ALERTS.stream().anyMatch(a -> a.state().equals("RESOLVED")));
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-h").body()).get("balance").asLong()).isEqualTo(9000);
    }

    /** Fills the suspended collections inbox to 90% and checks readiness, liveness and the alert. */
    private static void fillAndWatch() throws Exception {
        try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
            String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.collections}}");
            for (int i = 0; i < 90; i++) {
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly,
                        new io.crystalbus.message.CollectionReceived(null, "K-h-" + i, "C-h", "A-1", "USD", 100L, "CARD"),
                        Map.of(CrystalHeaders.MESSAGE_ID, "collection:K-h-" + i, CrystalHeaders.TYPE, "collection.received",
                                CrystalHeaders.CREATED_AT, Clock.nowMicros()));
            }
        }
        var down = bus.management("/observe/health/ready?data=true");
        assertThat(down.statusCode()).isEqualTo(503);
        // 90 offered; the consumers may have taken one or two before the route was suspended
        assertThat(down.body()).containsPattern("inbox collections is (8[1-9]|90)% full");
        assertThat(bus.management("/observe/health/live").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> ALERTS.stream().anyMatch(a -> a.state().equals("FIRING")));
        assertThat(bus.management("/observe/health?data=true").body()).contains("firing.InboxFilling");
        assertThat((Integer) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.crystalbus:type=Alerts"), "FiringCount")).isEqualTo(1);
    }

    @Test
    void thePrometheusRulesFileIsValidYamlAndNamesMetricsTheBusExports() throws Exception {
        bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-prom", "C-prom"));
        bus.postJson("/api/v1/wagers/settled", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.management("/observe/metrics").body().contains("crystal_settlement_duration_seconds_bucket"));
        String scrape = bus.management("/observe/metrics").body();
        java.util.Set<String> exported = new java.util.HashSet<>();
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE).matcher(scrape).results().forEach(r -> exported.add(r.group(1)));

        JsonNode rules = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(java.nio.file.Path.of("docs/prometheus-alerts.yml").toFile()).get("groups").get(0).get("rules");
        List<String> alertNames = new java.util.ArrayList<>();
        for (JsonNode rule : rules) {
            alertNames.add(rule.get("alert").asText());
            Matcher metrics = Pattern.compile("crystal_[a-z_]+").matcher(rule.get("expr").asText());
            assertThat(metrics.find()).as(rule.get("alert").asText() + " names a crystal metric").isTrue();
            do {
                assertThat(exported).as("metric " + metrics.group() + " of " + rule.get("alert").asText()).contains(metrics.group());
            } while (metrics.find());
        }
        try (var in = getClass().getResourceAsStream("/alerts.yaml")) {
            assertThat(alertNames).containsExactlyElementsOf(io.crystalbus.observe.alert.AlertRules.read(in, "alerts.yaml")
                    .stream().map(io.crystalbus.observe.alert.AlertRule::name).toList());
        }
    }

    @Test
    void jolokiaNeverShowsTheJvmsArgumentsOrSystemProperties() throws Exception {
        for (String attribute : new String[] {"InputArguments", "SystemProperties"}) {
            JsonNode refused = JSON.readTree(bus.managementPost("/observe/jolokia",
                    "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"" + attribute + "\"}").body());
            assertThat(refused.get("status").asInt()).as(attribute).isEqualTo(403);
        }
        // nor through a read of the whole MBean (refused: 403, or 500 when another attribute fails first; never
        // the values); its other attributes stay readable one by one
        JsonNode all = JSON.readTree(bus.managementPost("/observe/jolokia", "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"}").body());
        assertThat(all.get("status").asInt()).isNotEqualTo(200);
        assertThat(all.path("value").has("InputArguments")).isFalse();
        assertThat(all.path("value").has("SystemProperties")).isFalse();
        JsonNode uptime = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":[\"Uptime\",\"VmName\"]}").body());
        assertThat(uptime.get("status").asInt()).isEqualTo(200);
        assertThat(uptime.get("value").has("Uptime")).isTrue();
        JsonNode viaGet = JSON.readTree(bus.management("/observe/jolokia/read/java.lang:type=Runtime/InputArguments").body());
        assertThat(viaGet.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void jolokiaAnswersNoPageFromAnotherOriginAndNoOperationByGet() throws Exception {
        String version = "{\"type\":\"version\"}";
        // a page elsewhere, through the operator's browser (a text/plain POST needs no preflight); served over
        // plain HTTP as the management server is (Jolokia itself refuses an https origin on plain HTTP)
        HttpResponse<String> foreign = bus.send(HttpRequest.newBuilder(bus.managementUri("/observe/jolokia")).header("Origin", "http://evil.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(version)));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("http://evil.example").contains(io.crystalbus.security.JolokiaOrigins.SETTING);
        HttpResponse<String> local = bus.send(HttpRequest.newBuilder(bus.managementUri("/observe/jolokia")).header("Origin", "http://127.0.0.1:8090")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(version)));
        assertThat(JSON.readTree(local.body()).get("status").asInt()).isEqualTo(200);
        // an image tag elsewhere sends a GET with no origin at all
        assertThat(bus.management("/observe/jolokia/exec/java.lang:type=Memory/gc()").statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(bus.management("/observe/jolokia/version").body()).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void jolokiaReadsEverythingButWritesOnlyCrystalBusMBeans() throws Exception {
        JsonNode read = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"read\",\"mbean\":\"io.crystalbus:type=Alerts\",\"attribute\":\"Rules\"}").body());
        assertThat(read.get("status").asInt()).isEqualTo(200);
        JsonNode camelRead = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=crystal-bus,type=routes,name=\\\"balance\\\"\",\"attribute\":\"ExchangesCompleted\"}").body());
        assertThat(camelRead.get("status").asInt()).isEqualTo(200);

        JsonNode stop = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=crystal-bus,type=routes,name=\\\"balance\\\"\",\"operation\":\"stop()\"}").body());
        assertThat(stop.get("status").asInt()).isEqualTo(403);
        JsonNode write = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=crystal-bus,type=routes,name=\\\"balance\\\"\",\"attribute\":\"Tracing\",\"value\":true}").body());
        assertThat(write.get("status").asInt()).isEqualTo(403);
        assertThat(bus.context().getRouteController().getRouteStatus("balance").isStarted()).isTrue();
        JsonNode dump = JSON.readTree(bus.managementPost("/observe/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=crystal-bus,type=context,name=\\\"crystal-bus\\\"\",\"operation\":\"dumpRoutesAsXml()\"}").body());
        assertThat(dump.get("status").asInt()).isEqualTo(200);
    }
}
