package io.crystalbus.observe.alert;

import java.util.Map;
import io.crystalbus.observe.ReadinessCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Shows the firing alerts in {@code /observe/health} details. Always UP: an alert calls a person, it does not
 * take the node out of the load balancer (the inbox check does that).
 */
public final class AlertsHealthCheck extends ReadinessCheck {
    private final AlertEvaluator evaluator;

    public AlertsHealthCheck(AlertEvaluator evaluator) {
        super("alerts");
        this.evaluator = evaluator;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        var firing = evaluator.firing();
        builder.detail("firing.count", firing.size());
        firing.forEach(alert -> builder.detail("firing." + alert.name(), alert.description() + " (value " + alert.value() + ")"));
    }
}
