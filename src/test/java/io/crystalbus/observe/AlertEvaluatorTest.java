package io.crystalbus.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.observe.alert.Alert;
import io.crystalbus.observe.alert.AlertEvaluator;
import io.crystalbus.observe.alert.AlertRule;
import io.crystalbus.observe.alert.AlertRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.crystalbus.support.MovableClock;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private void advance(Duration by) {
        clock.advance(by);
    }

    @Test
    void aGaugeRuleFiresAfterItsForDurationAndResolves() {
        double[] fill = {0.5};
        registry.gauge("crystal.inbox.fill", List.of(io.micrometer.core.instrument.Tag.of("domain", "balance")), fill, f -> f[0]);
        AlertEvaluator alerts = new AlertEvaluator(registry,
                List.of(new AlertRule("InboxFilling", "full", "crystal.inbox.fill", null, "value", 0.8, "10s", null)), clock);
        assertThat(alerts.evaluate()).isEmpty();
        fill[0] = 0.9;
        assertThat(alerts.evaluate()).isEmpty(); // pending
        advance(Duration.ofSeconds(5));
        assertThat(alerts.evaluate()).isEmpty();
        advance(Duration.ofSeconds(5));
        List<Alert> fired = alerts.evaluate();
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("FIRING");
            assertThat(a.value()).isEqualTo(0.9);
        });
        assertThat(alerts.firing()).hasSize(1);
        assertThat(alerts.evaluate()).isEmpty(); // fires once
        fill[0] = 0.1;
        assertThat(alerts.evaluate()).singleElement().extracting(Alert::state).isEqualTo("RESOLVED");
        assertThat(alerts.firing()).isEmpty();
    }

    @Test
    void aRatioRuleComparesTheIncreaseOfMatchingMetersOverTheWindow() {
        Counter ok = registry.counter("crystal.messages", "domain", "balance", "outcome", "ok");
        Counter dead = registry.counter("crystal.messages", "domain", "balance", "outcome", "dead-letter");
        ok.increment(100_000); // history before the window does not count
        AlertEvaluator alerts = new AlertEvaluator(registry, List.of(new AlertRule("ErrorRateHigh", "errors",
                "crystal.messages", Map.of("outcome", "dead-letter"), "ratio", 0.001, null, "1m")), clock);
        assertThat(alerts.evaluate()).isEmpty();
        advance(Duration.ofSeconds(10));
        ok.increment(999);
        dead.increment(1);
        assertThat(alerts.evaluate()).isEmpty(); // exactly 0.1%: not above
        advance(Duration.ofSeconds(10));
        dead.increment(1);
        assertThat(alerts.evaluate()).singleElement().extracting(Alert::state).isEqualTo("FIRING");
        advance(Duration.ofSeconds(30));
        ok.increment(10);
        assertThat(alerts.evaluate()).isEmpty(); // the errors are still inside the window: still firing
        advance(Duration.ofMinutes(2));
        ok.increment(10);
        assertThat(alerts.evaluate()).singleElement().extracting(Alert::state).isEqualTo("RESOLVED");
    }

    @Test
    void aTimerPercentileRuleReadsSeconds() {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder("crystal.settlement.duration")
                .publishPercentiles(0.99).register(registry);
        AlertEvaluator alerts = new AlertEvaluator(registry,
                List.of(new AlertRule("SettlementSlow", "slow", "crystal.settlement.duration", null, "p99", 2.0, null, null)), clock);
        timer.record(Duration.ofMillis(100));
        assertThat(alerts.evaluate()).isEmpty();
        for (int i = 0; i < 100; i++) {
            timer.record(Duration.ofSeconds(3));
        }
        assertThat(alerts.evaluate()).singleElement().extracting(Alert::value).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.DOUBLE).isGreaterThan(2.0);
    }

    @Test
    void theShippedRulesLoadAndBadRulesAreRefusedWithTheirName() throws Exception {
        try (var in = getClass().getResourceAsStream("/alerts.yaml")) {
            assertThat(AlertRules.read(in, "alerts.yaml")).extracting(AlertRule::name)
                    .containsExactly("SettlementSlow", "ErrorRateHigh", "InboxFilling", "DeadLettersGrowing");
        }
        String bad = "rules:\n  - name: X\n    meter: m\n    statistic: median\n    above: 1\n";
        assertThatThrownBy(() -> AlertRules.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "f.yaml"))
                .hasMessageContaining("f.yaml: alert rule 'X'").hasMessageContaining("statistic must be one of");
        String noWindow = "rules:\n  - name: Y\n    meter: m\n    statistic: increase\n    above: 1\n";
        assertThatThrownBy(() -> AlertRules.read(new ByteArrayInputStream(noWindow.getBytes(StandardCharsets.UTF_8)), "f.yaml"))
                .hasMessageContaining("needs a window");
    }
}
