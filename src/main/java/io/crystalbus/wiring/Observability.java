package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import io.crystalbus.ingress.OversizedBodies;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.DomainMetricsPolicyFactory;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.observe.InboxSaturationCheck;
import io.crystalbus.observe.RouteMeters;
import io.crystalbus.observe.alert.AlertEvaluator;
import io.crystalbus.observe.alert.AlertRule;
import io.crystalbus.observe.alert.AlertRules;
import io.crystalbus.observe.alert.Alerts;
import io.crystalbus.observe.alert.AlertsHealthCheck;
import io.crystalbus.observe.console.ConsoleSettings;
import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.security.AuthenticationPolicy;
import io.crystalbus.rollout.RolloutFile;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.observe.trace.TracingJmx;
import io.crystalbus.observe.trace.TracingPolicyFactory;
import io.crystalbus.rollout.RolloutFlagsJmx;
import io.crystalbus.wiring.settings.ObservabilitySettings;
import java.io.InputStream;
import java.util.Optional;
import java.time.Clock;
import java.util.List;
import io.micrometer.core.instrument.Gauge;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.health.HealthCheckRegistry;

/** Hooks the meters and health checks into the context, before its routes are created. */
final class Observability {
    private Observability() {
    }

    static void install(CamelContext context, BusSettings settings, BusBeans beans) throws Exception {
        ObservabilitySettings observability = beans.observability;
        InboxMonitor inboxes = beans.observe.inboxes;
        BusMetrics busMetrics = beans.observe.metrics;
        AlertEvaluator alerts = new AlertEvaluator(busMetrics.registry(), alertRules(context, observability.alertsFile()), Clock.systemUTC());
        context.getRegistry().bind("alerts", alerts);
        context.addService(new Alerts(alerts));
        RolloutFlags rolloutFlags = beans.rollout.flags;
        // until the context has started its routes are not all there: a flag read then is checked by its first message
        rolloutFlags.checkRouteVersionsWith(id -> !context.getStatus().isStarted() || isDirectRoute(context, id));
        context.addService(new RolloutFlagsJmx(rolloutFlags));
        Optional<java.nio.file.Path> flagsFile = beans.rollout.settings().flagsFile();
        if (flagsFile.isPresent()) {
            context.addService(new RolloutFile(context, flagsFile.get(), rolloutFlags));
        }
        if (observability.metricsEnabled()) {
            inboxes.registerGauges(busMetrics.registry());
            for (String flow : rolloutFlags.all().keySet()) {
                Gauge.builder(BusMetrics.ROLLOUT_SHARE, rolloutFlags, flags -> flags.get(flow).effectivePercent())
                        .description("The pilot's share of the flow now, in percent: 0 once switched off or tripped")
                        .tag("flow", flow)
                        .register(busMetrics.registry());
            }
            // Camel's route policy, when turned on, registers the same names itself
            if (!settings.camelFlag("camel.metrics.enableRoutePolicy", false)) {
                context.addLifecycleStrategy(new RouteMeters(busMetrics.registry(), context));
            }
        }
        // also with metrics off (the meters then record nothing): the rollout guardrail needs the outcomes
        context.addRoutePolicyFactory(new DomainMetricsPolicyFactory(busMetrics, beans.rollout.guardrail));
        MessageTracer tracer = beans.observe.tracer;
        context.addRoutePolicyFactory(new TracingPolicyFactory(tracer));
        context.addService(new TracingJmx(tracer));
        if (observability.consoleEnabled()) {
            ConsoleSettings console = ConsoleSettings.from(settings, Optional.empty());
            context.addService(new HawtioConsole(console,
                    new AuthenticationPolicy(settings, System.getenv()).credentialsFor("crystal.console.host", console.host())));
        }
        if (settings.camelFlag("camel.server.enabled", false)) {
            context.addStartupListener(new OversizedBodies(beans.deadLetters.deadLetters,
                    settings.integer("camel.server.port"), settings.longValue("camel.server.maxBodySize")));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new InboxSaturationCheck(inboxes, observability.inboxMaxFill()));
            health.register(new AlertsHealthCheck(alerts));
        }
    }

    /** Whether a route {@code id} exists and starts from {@code direct:<id>}, as a route version must. */
    private static boolean isDirectRoute(CamelContext context, String id) {
        Route route = context.getRoute(id);
        return route != null && ("direct://" + id).equals(route.getEndpoint().getEndpointBaseUri());
    }

    private static List<AlertRule> alertRules(CamelContext context, String location) throws Exception {
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location);
        if (resource == null || !resource.exists()) {
            throw new IllegalArgumentException("crystal.alerts.file: no alert rules at " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return AlertRules.read(in, location);
        }
    }
}
