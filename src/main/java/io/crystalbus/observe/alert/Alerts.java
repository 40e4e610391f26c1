package io.crystalbus.observe.alert;

import io.crystalbus.observe.MBeans;
import java.util.List;
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
        MBeans.register(new ObjectName(OBJECT_NAME), this);
    }

    @Override
    protected void doStop() throws Exception {
        MBeans.unregister(new ObjectName(OBJECT_NAME));
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
