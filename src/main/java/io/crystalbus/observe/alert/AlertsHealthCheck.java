package io.crystalbus.observe.alert;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows the firing alerts in {@code /observe/health} details. Always UP: an alert calls a person, it does not
 * take the node out of the load balancer (the inbox check does that).
 */
public final class AlertsHealthCheck extends AbstractHealthCheck {
    private final AlertEvaluator evaluator;

    public AlertsHealthCheck(AlertEvaluator evaluator) {
        super("crystal", "alerts");
        this.evaluator = evaluator;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        var firing = evaluator.firing();
        builder.detail("firing.count", firing.size());
        firing.forEach(alert -> builder.detail("firing." + alert.name(), alert.description() + " (value " + alert.value() + ")"));
    }
}
