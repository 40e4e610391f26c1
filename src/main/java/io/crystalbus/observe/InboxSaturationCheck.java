package io.crystalbus.observe;

import io.crystalbus.flow.Flow;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: DOWN while any inbox is fuller than the configured level, so a load balancer stops sending until
 * the bus has caught up. Liveness is not affected: a full bus is busy, not broken.
 */
public final class InboxSaturationCheck extends ReadinessCheck {
    private final InboxMonitor inboxes;
    private final double maxFill;

    public InboxSaturationCheck(InboxMonitor inboxes, double maxFill) {
        super("inboxes");
        this.inboxes = inboxes;
        this.maxFill = maxFill;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        builder.detail("max.fill", maxFill);
        for (String domain : Flow.ids()) {
            double fill = inboxes.fill(domain);
            builder.detail(domain + ".depth", inboxes.depth(domain));
            builder.detail(domain + ".fill", Math.round(fill * 1000) / 1000.0);
            if (fill > maxFill) {
                builder.down().message("inbox " + domain + " is " + Math.round(fill * 100) + "% full");
            }
        }
    }
}
