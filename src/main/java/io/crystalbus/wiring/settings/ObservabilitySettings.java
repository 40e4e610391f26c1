package io.crystalbus.wiring.settings;

import io.crystalbus.config.BusSettings;
import java.util.Set;

/**
 * Meters, traces, health and alerts.
 *
 * @param metricsEnabled {@code crystal.metrics.enabled}: crystal-bus's own meters (off only to measure their cost)
 * @param traceMask      {@code crystal.trace.mask}: fields a trace shows masked
 * @param inboxMaxFill   {@code crystal.health.inbox-max-fill}: readiness is down above this share of an inbox filled
 * @param alertsFile     {@code crystal.alerts.file}: the alert rules
 * @param consoleEnabled {@code crystal.console.enabled}: the Hawtio console
 */
public record ObservabilitySettings(boolean metricsEnabled, Set<String> traceMask, double inboxMaxFill, String alertsFile,
                                    boolean consoleEnabled) {

    public static ObservabilitySettings from(BusSettings settings) {
        return new ObservabilitySettings(settings.flag("crystal.metrics.enabled"), settings.names("crystal.trace.mask"),
                settings.decimal("crystal.health.inbox-max-fill"), settings.text("crystal.alerts.file"),
                settings.flag("crystal.console.enabled"));
    }
}
