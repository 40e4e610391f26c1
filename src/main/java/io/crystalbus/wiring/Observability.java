package io.crystalbus.wiring;

import io.crystalbus.ingress.OversizedBodies;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.DomainMetricsPolicyFactory;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.observe.InboxSaturationCheck;
import io.crystalbus.observe.alert.AlertEvaluator;
import io.crystalbus.observe.alert.AlertRule;
import io.crystalbus.observe.alert.AlertRules;
import io.crystalbus.observe.alert.Alerts;
import io.crystalbus.observe.alert.AlertsHealthCheck;
import io.crystalbus.observe.console.ConsoleSettings;
import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.security.AuthenticationPolicy;
import io.crystalbus.rollout.Guardrail;
import io.crystalbus.rollout.RolloutFile;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.observe.trace.TracingJmx;
import io.crystalbus.observe.trace.TracingPolicyFactory;
import io.crystalbus.rollout.RolloutFlagsJmx;
import java.io.InputStream;
import java.util.Optional;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.health.HealthCheckRegistry;

/** Hooks the meters and health checks into the context, before its routes are created. */
final class Observability {
    private Observability() {
    }

    static void install(CamelContext context, BusSettings settings, BusComponents components) throws Exception {
        InboxMonitor inboxes = components.get("inboxMonitor", InboxMonitor.class);
        BusMetrics busMetrics = components.get("metrics", BusMetrics.class);
        AlertEvaluator alerts = new AlertEvaluator(busMetrics.registry(), alertRules(context, settings), Clock.systemUTC());
        context.getRegistry().bind("alerts", alerts);
        context.addService(new Alerts(alerts));
        RolloutFlags rolloutFlags = components.get("rolloutFlags", RolloutFlags.class);
        context.addService(new RolloutFlagsJmx(rolloutFlags));
        Optional<String> flagsFile = settings.string("crystal.rollout.file");
        if (flagsFile.isPresent()) {
            context.addService(new RolloutFile(context, java.nio.file.Path.of(flagsFile.get()), rolloutFlags));
        }
        if (settings.metricsEnabled()) {
            inboxes.registerGauges(busMetrics.registry());
        }
        // also with metrics off (the meters then record nothing): the rollout guardrail needs the outcomes
        context.addRoutePolicyFactory(new DomainMetricsPolicyFactory(busMetrics, components.get("guardrail", Guardrail.class)));
        MessageTracer tracer = components.get("tracer", MessageTracer.class);
        context.addRoutePolicyFactory(new TracingPolicyFactory(tracer));
        context.addService(new TracingJmx(tracer));
        if (settings.flag("crystal.console.enabled", true)) {
            ConsoleSettings console = ConsoleSettings.from(settings, Optional.empty());
            context.addService(new HawtioConsole(console,
                    new AuthenticationPolicy(settings, System.getenv()).credentialsFor("crystal.console.host", console.host())));
        }
        if (settings.flag("camel.server.enabled", false)) {
            context.addStartupListener(new OversizedBodies(components.get("deadLetters", io.crystalbus.deadletter.DeadLetters.class),
                    settings.integer("camel.server.port", 8080), settings.longValue("camel.server.maxBodySize", 4 * 1024 * 1024)));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new InboxSaturationCheck(inboxes, settings.decimal("crystal.health.inbox-max-fill", 0.8)));
            health.register(new AlertsHealthCheck(alerts));
        }
    }

    private static List<AlertRule> alertRules(CamelContext context, BusSettings settings) throws Exception {
        String location = settings.string("crystal.alerts.file", "classpath:alerts.yaml");
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location);
        if (resource == null || !resource.exists()) {
            throw new IllegalArgumentException("crystal.alerts.file: no alert rules at " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return AlertRules.read(in, location);
        }
    }
}
