package io.crystalbus.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.PrometheusServer;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus rules against a real Prometheus (Debian's package, installed by
 * .ci/run) scraping a running bus every second: every expression returns data after traffic, and an inbox held
 * full makes InboxFilling fire and, once drained, resolve.
 */
class PrometheusIT {
    private static final Path DASHBOARD = Path.of("docs/grafana/crystal-bus.json");
    private static final Path RULES = Path.of("docs/prometheus-alerts.yml");
    private static final int BALANCE_INBOX = 200;
    /** A rule's threshold, taken off so that its expression returns data below the threshold too. */
    private static final Pattern THRESHOLD = Pattern.compile("\\s*[<>]=?\\s*[0-9.]+\\s*$");

    @Test
    void everyDashboardAndRuleExpressionReturnsDataAndInboxFillingFiresAndResolves() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.queue.balance.size", String.valueOf(BALANCE_INBOX)))) {
            URI metrics = bus.managementUri("/observe/metrics");
            try (PrometheusServer prometheus = PrometheusServer.start(metrics.getHost() + ":" + metrics.getPort(), metrics.getPath(), RULES)) {
                sendTraffic(bus);

                List<String> expressions = dashboardExpressions();
                assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
                for (JsonNode rule : new YAMLMapper().readTree(RULES.toFile()).get("groups").get(0).get("rules")) {
                    expressions.add(THRESHOLD.matcher(rule.get("expr").asText().strip()).replaceFirst(""));
                }
                for (String expression : expressions) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).alias(expression)
                            .until(() -> !prometheus.query(expression).isEmpty());
                }

                holdTheBalanceInboxFullUntilInboxFillingFires(bus, prometheus);
                long drained = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> prometheus.alertState("InboxFilling").equals("inactive"));
                System.out.printf("InboxFilling resolved %.1f s after the inbox drained%n", (System.nanoTime() - drained) / 1e9);
                assertThat(prometheus.query("max(crystal_inbox_fill{domain=\"balance\"})").get(0).get("value").get(1).asDouble()).isLessThan(0.8);
            }
        }
    }

    /** Wagers, a list, collections, free play, a refused body and a message a domain refuses (a dead letter). */
    private static void sendTraffic(RunningBus bus) {
        for (int i = 0; i < 50; i++) {
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-prom-" + i, "C-prom-" + i % 5)).statusCode()).isEqualTo(202);
        }
        assertThat(bus.postJson("/api/v1/collections", """
                {"collectionId":"K-prom-1","customerId":"C-prom-1","agentId":"A-7","currency":"USD","amount":500,"method":"card"}""")
                .statusCode()).isEqualTo(202);
        // more free play consumed than granted: the free-play domain refuses it, a dead letter by reason
        assertThat(bus.postJson("/api/v1/freeplay", """
                {"messageId":"fp-prom-1","action":"CONSUME","customerId":"C-prom-2","currency":"USD","amount":500}""")
                .statusCode()).isEqualTo(202);
        assertThat(bus.postJson("/api/v1/wagers/settled", "{\"wagerId\":").statusCode()).isEqualTo(400);
    }

    private static List<String> dashboardExpressions() throws Exception {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        return expressions;
    }

    private static void holdTheBalanceInboxFullUntilInboxFillingFires(RunningBus bus, PrometheusServer prometheus) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AdviceWith.adviceWith(bus.context(), "balance", route -> route.weaveAddFirst().process(exchange -> release.await(2, TimeUnit.MINUTES)));
        String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
        try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
            // the balance consumers each hold one; the rest wait in the inbox: over 90% of it
            for (int i = 0; i < BALANCE_INBOX * 19 / 20; i++) {
                WagerSettled wager = new WagerSettled(null, "W-fill-" + i, "C-fill-" + i % 20, "A-1", "USD", 100L, 300L,
                        Outcome.WIN, false, Instant.parse("2026-12-04T12:00:00Z"));
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, Map.of(CrystalHeaders.MESSAGE_ID, "wager:" + wager.wagerId(),
                        CrystalHeaders.TYPE, "wager.settled", CrystalHeaders.CREATED_AT, Clock.nowMicros()));
            }
        }
        long full = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> prometheus.alertState("InboxFilling").equals("firing"));
            System.out.printf("InboxFilling fired %.1f s after the inbox filled (the rule's for: 10s)%n", (System.nanoTime() - full) / 1e9);
        } finally {
            release.countDown();
        }
    }
}
