package io.crystalbus.observe.alert;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.support.service.ServiceSupport;

/** Registers the alerts MBean while the context runs. */
public final class Alerts extends ServiceSupport implements AlertsMBean {
    public static final String OBJECT_NAME = "io.crystalbus:type=Alerts";
    private final AlertEvaluator evaluator;

    public Alerts(AlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // a previous context in this JVM (tests, a Karaf restart)
        }
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }

    @Override
    public String[] getFiring() {
        return evaluator.firing().stream()
                .map(a -> a.name() + ": " + a.description() + " (value " + a.value() + ", threshold " + a.threshold() + ", since " + a.since() + ")")
                .toArray(String[]::new);
    }

    @Override
    public String[] getRules() {
        List<AlertRule> rules = evaluator.rules();
        return rules.stream().map(r -> r.name() + ": " + r.statistic() + "(" + r.meter() + r.whereOrEmpty() + ") > " + r.above()
                + (r.forDuration() == null ? "" : " for " + r.forDuration())).toArray(String[]::new);
    }

    @Override
    public int getFiringCount() {
        return evaluator.firing().size();
    }
}
