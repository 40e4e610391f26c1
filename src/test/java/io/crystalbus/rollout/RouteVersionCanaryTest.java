package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.Cli;
import io.crystalbus.support.RunningBus;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;

/**
 * A canary of a route version: 10% of the balance flow's customers go to an integrator's {@code balance-v2}, the
 * rest to the shipped balance steps.
 */
class RouteVersionCanaryTest {
    private static final int WAGERS = 4_000;
    private static final int CUSTOMERS = 400;
    private static final long PAYOUT = 300;
    private static final int MIN_SAMPLES = 40;

    private static final String FAILING = "src/test/resources/route-versions/failing";
    /** The runbook's example. */
    private static final String HEALTHY = "docs/examples/route-version";

    private static RunningBus busWith(String versions) throws Exception {
        return RunningBus.start(Map.of("crystal.routes.dir", versions,
                "crystal.rollout.balance.enabled", "true", "crystal.rollout.balance.percent", "10",
                "crystal.rollout.balance.pilot", "route:balance-v2",
                "crystal.rollout.guardrail.min-samples", String.valueOf(MIN_SAMPLES),
                "crystal.admin.password", "s3cret"));
    }

    private static void settle(RunningBus bus, String prefix) throws Exception {
        String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
        try (ProducerTemplate producer = bus.context().createProducerTemplate()) {
            for (int i = 0; i < WAGERS; i++) {
                WagerSettled wager = new WagerSettled(null, prefix + "W-" + i, prefix + "C-" + i % CUSTOMERS, "A-1", "USD", 100L, PAYOUT,
                        Outcome.WIN, false, Instant.parse("2026-12-04T12:00:00Z"));
                producer.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, Map.of(CrystalHeaders.MESSAGE_ID, "wager:" + wager.wagerId(),
                        CrystalHeaders.TYPE, "wager.settled", CrystalHeaders.CREATED_AT, Clock.nowMicros()));
            }
        }
        SettlementService settlement = bus.bean("settlement", SettlementService.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> settlement.completedCount() >= WAGERS);
        bus.awaitIdle();
        assertThat(settlement.completedCount()).isEqualTo(WAGERS);
    }

    /** Every customer got each of its wagers' payouts once, and nothing became a dead letter. */
    private static void assertAppliedExactlyOnce(RunningBus bus, String prefix) {
        Ledger ledger = bus.bean("ledger", Ledger.class);
        for (int c = 0; c < CUSTOMERS; c++) {
            assertThat(ledger.balance(prefix + "C-" + c).orElseThrow().balance()).as(prefix + "C-" + c)
                    .isEqualTo(PAYOUT * WAGERS / CUSTOMERS);
        }
        assertThat(bus.bean("deadLetters", DeadLetters.class).total()).isZero();
    }

    private static Object attribute(String name) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return jmx.getAttribute(RolloutFlagsJmx.nameOf("balance"), name);
    }

    @Test
    void aPilotRouteVersionThatFailsEveryMessageIsRolledBackAndEveryMessageIsAppliedOnceByTheControl() throws Exception {
        try (RunningBus bus = busWith(FAILING)) {
            settle(bus, "f");
            RolloutFlags flags = bus.bean("rolloutFlags", RolloutFlags.class);
            RolloutState state = flags.get("balance");
            assertThat(state.enabled()).as("the guardrail switched the pilot off").isFalse();
            assertThat(state.trippedReason()).contains("pilot failure rate 100.00% vs control 0.00%");
            // rolled back as soon as the window held enough pilot samples: of the ~400 messages of the pilot's
            // customers, those decided after the trip (and any waiting in the inbox at it) never tried balance-v2
            RolloutCounts counts = flags.counts("balance");
            assertThat(counts.fallbacks()).isBetween((long) MIN_SAMPLES, MIN_SAMPLES + 20L);
            assertThat(counts.pilotDecisions()).isGreaterThanOrEqualTo(counts.fallbacks());
            assertThat(counts.pilotDecisions() + counts.controlDecisions()).isEqualTo(WAGERS);
            assertAppliedExactlyOnce(bus, "f");

            assertThat(attribute("GuardrailState")).isEqualTo("tripped");
            assertThat(attribute("EffectivePercent")).isEqualTo(0.0);
            assertThat(attribute("Percent")).isEqualTo(10.0);
            assertThat(attribute("Fallbacks")).isEqualTo(counts.fallbacks());
            assertThat((String) attribute("TrippedReason")).contains("pilot failure rate");
            String scrape = bus.management("/observe/metrics").body();
            assertThat(scrape).contains("crystal_rollout_fallbacks_total{flow=\"balance\"} " + counts.fallbacks() + ".0",
                    "crystal_rollout_share{flow=\"balance\"} 0.0", "crystal_rollout_guardrail_trips_total{flow=\"balance\"} 1.0");
        }
    }

    @Test
    void aHealthyPilotRouteVersionKeepsItsShareAndHandlesItsCustomers() throws Exception {
        try (RunningBus bus = busWith(HEALTHY)) {
            settle(bus, "h");
            RolloutFlags flags = bus.bean("rolloutFlags", RolloutFlags.class);
            assertThat(flags.get("balance").enabled()).isTrue();
            assertThat(flags.get("balance").trippedReason()).isNull();
            RolloutCounts counts = flags.counts("balance");
            assertThat(counts.fallbacks()).isZero();
            assertThat(counts.pilotDecisions() * 100.0 / WAGERS).isBetween(5.0, 15.0);
            // every pilot decision was handled by balance-v2, and no other message
            ManagedCamelContext managed = bus.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            assertThat(managed.getManagedRoute("balance-v2").getExchangesCompleted()).isEqualTo(counts.pilotDecisions());
            assertAppliedExactlyOnce(bus, "h");
            assertThat(attribute("GuardrailState")).isEqualTo("piloting");
            assertThat(attribute("EffectivePercent")).isEqualTo(10.0);
            assertThat(attribute("PilotDecisions")).isEqualTo(counts.pilotDecisions());
            assertThat(bus.management("/observe/metrics").body()).contains("crystal_rollout_share{flow=\"balance\"} 10.0");
        }
    }

    @Test
    void theRunbooksRouteVersionValidates() throws Exception {
        Cli validate = Cli.run("validate", HEALTHY);
        assertThat(validate.out()).startsWith("OK: 1 route files, ");
        assertThat(validate.exitCode()).isZero();
    }

    @Test
    void aRouteVersionThatIsNotARouteIsRefusedWithItsName() throws Exception {
        try (RunningBus bus = busWith(HEALTHY)) {
            HttpResponse<String> refused = bus.send(java.net.http.HttpRequest.newBuilder(bus.uri("/api/v1/admin/rollout/balance"))
                    .header("Authorization", RunningBus.basic("admin", "s3cret")).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"pilot\":\"route:balance-v3\"}")));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("no route 'balance-v3' with input direct:balance-v3");
            ObjectName name = RolloutFlagsJmx.nameOf("balance");
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Pilot")).isEqualTo("route:balance-v2");
        }
    }
}
