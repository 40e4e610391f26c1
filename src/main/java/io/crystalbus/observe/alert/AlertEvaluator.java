package io.crystalbus.observe.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates the alert rules against the meters (bean {@code alerts}, called by the {@code alerts-evaluator}
 * route on a timer). Keeps each rule's state: inactive, pending (condition true, waiting {@code for}) and
 * firing. Nothing here runs per message.
 */
public final class AlertEvaluator {
    private final MeterRegistry registry;
    private final List<AlertRule> rules;
    private final Clock clock;
    private final Map<String, RuleState> states = new LinkedHashMap<>();

    private static final class RuleState {
        Instant conditionSince;
        boolean firing;
        double lastValue;
        final Deque<double[]> samples = new ArrayDeque<>(); // {epochMillis, numerator, denominator}
    }

    public AlertEvaluator(MeterRegistry registry, List<AlertRule> rules, Clock clock) {
        this.registry = registry;
        this.rules = List.copyOf(rules);
        this.clock = clock;
        rules.forEach(rule -> states.put(rule.name(), new RuleState()));
    }

    /** One evaluation: the alerts that fired or resolved since the last one. */
    public synchronized List<Alert> evaluate() {
        Instant now = clock.instant();
        List<Alert> changes = new ArrayList<>();
        for (AlertRule rule : rules) {
            RuleState state = states.get(rule.name());
            double value = valueOf(rule, state, now);
            state.lastValue = value;
            boolean condition = value > rule.above();
            if (condition) {
                if (state.conditionSince == null) {
                    state.conditionSince = now;
                }
                boolean heldLongEnough = !now.isBefore(state.conditionSince.plusMillis(AlertRules.millis(rule.forDuration())));
                if (!state.firing && heldLongEnough) {
                    state.firing = true;
                    changes.add(new Alert(rule.name(), rule.description(), "FIRING", value, rule.above(), state.conditionSince, now));
                }
            } else {
                if (state.firing) {
                    changes.add(new Alert(rule.name(), rule.description(), "RESOLVED", value, rule.above(), state.conditionSince, now));
                }
                state.firing = false;
                state.conditionSince = null;
            }
        }
        return changes;
    }

    /** The alerts firing now. */
    public synchronized List<Alert> firing() {
        List<Alert> firing = new ArrayList<>();
        Instant now = clock.instant();
        for (AlertRule rule : rules) {
            RuleState state = states.get(rule.name());
            if (state.firing) {
                firing.add(new Alert(rule.name(), rule.description(), "FIRING", state.lastValue, rule.above(), state.conditionSince, now));
            }
        }
        return firing;
    }

    public List<AlertRule> rules() {
        return rules;
    }

    private double valueOf(AlertRule rule, RuleState state, Instant now) {
        Collection<Meter> all = registry.find(rule.meter()).meters();
        List<Meter> matching = all.stream().filter(m -> matches(m, rule.whereOrEmpty())).toList();
        return switch (rule.statistic()) {
            case "value" -> matching.stream().mapToDouble(AlertEvaluator::currentValue).max().orElse(0);
            case "max" -> timers(matching).mapToDouble(t -> t.max(TimeUnit.SECONDS)).max().orElse(0);
            case "p50" -> percentile(matching, 0.5);
            case "p99" -> percentile(matching, 0.99);
            case "p999" -> percentile(matching, 0.999);
            case "increase" -> increase(state, now, rule, total(matching), 0)[0];
            case "ratio" -> {
                double[] delta = increase(state, now, rule, total(matching), total(all));
                yield delta[1] <= 0 ? 0 : delta[0] / delta[1];
            }
            default -> throw new IllegalStateException("unknown statistic " + rule.statistic());
        };
    }

    /** How much numerator and denominator grew over the rule's window (from the oldest sample inside it). */
    private static double[] increase(RuleState state, Instant now, AlertRule rule, double numerator, double denominator) {
        long nowMillis = now.toEpochMilli();
        long windowMillis = AlertRules.millis(rule.window());
        state.samples.addLast(new double[] {nowMillis, numerator, denominator});
        while (state.samples.size() > 1 && state.samples.peekFirst()[0] < nowMillis - windowMillis) {
            state.samples.removeFirst();
        }
        double[] oldest = state.samples.peekFirst();
        return new double[] {numerator - oldest[1], denominator - oldest[2]};
    }

    private static boolean matches(Meter meter, Map<String, String> where) {
        for (Map.Entry<String, String> tag : where.entrySet()) {
            if (!tag.getValue().equals(meter.getId().getTag(tag.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static double total(Collection<Meter> meters) {
        return meters.stream().mapToDouble(AlertEvaluator::currentValue).sum();
    }

    private static double currentValue(Meter meter) {
        if (meter instanceof Counter counter) {
            return counter.count();
        }
        if (meter instanceof FunctionCounter counter) {
            return counter.count();
        }
        if (meter instanceof Gauge gauge) {
            return gauge.value();
        }
        if (meter instanceof Timer timer) {
            return timer.count();
        }
        return 0;
    }

    private static java.util.stream.Stream<Timer> timers(List<Meter> meters) {
        return meters.stream().filter(Timer.class::isInstance).map(Timer.class::cast);
    }

    private static double percentile(List<Meter> meters, double percentile) {
        double worst = 0;
        for (Timer timer : timers(meters).toList()) {
            for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
                if (Math.abs(value.percentile() - percentile) < 1e-9) {
                    worst = Math.max(worst, value.value(TimeUnit.SECONDS));
                }
            }
        }
        return worst;
    }

}
