package io.crystalbus.rollout;

import io.crystalbus.observe.MBeans;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.apache.camel.support.service.ServiceSupport;

/** Registers one {@link RolloutMBean} per flow while the context runs. */
public final class RolloutFlagsJmx extends ServiceSupport {
    private final RolloutFlags flags;
    private final List<ObjectName> registered = new ArrayList<>();

    public RolloutFlagsJmx(RolloutFlags flags) {
        this.flags = flags;
    }

    public static ObjectName nameOf(String flow) throws Exception {
        return new ObjectName("io.crystalbus:type=Rollout,flow=" + flow);
    }

    @Override
    protected void doStart() throws Exception {
        for (String flow : flags.all().keySet()) {
            ObjectName name = nameOf(flow);
            MBeans.register(name, new StandardMBean(new FlowBean(flow), RolloutMBean.class));
            registered.add(name);
        }
    }

    @Override
    protected void doStop() throws Exception {
        for (ObjectName name : registered) {
            MBeans.unregister(name);
        }
        registered.clear();
    }

    /** The MBean of one flow: every setter is a {@link RolloutUpdate}, so JMX and the admin API check alike. */
    private final class FlowBean implements RolloutMBean {
        private final String flow;

        FlowBean(String flow) {
            this.flow = flow;
        }

        private RolloutState state() {
            return flags.get(flow);
        }

        private void update(RolloutUpdate update) {
            flags.set(flow, update.applyTo(state()));
        }

        @Override
        public boolean isEnabled() {
            return state().enabled();
        }

        @Override
        public void setEnabled(boolean enabled) {
            update(new RolloutUpdate(enabled, null, null, null, null));
        }

        @Override
        public double getPercent() {
            return state().percent();
        }

        @Override
        public void setPercent(double percent) {
            update(new RolloutUpdate(null, percent, null, null, null));
        }

        @Override
        public String getPilot() {
            return state().pilot();
        }

        @Override
        public void setPilot(String mode) {
            update(new RolloutUpdate(null, null, mode, null, null));
        }

        @Override
        public String getControl() {
            return state().control();
        }

        @Override
        public void setControl(String mode) {
            update(new RolloutUpdate(null, null, null, mode, null));
        }

        @Override
        public String getKey() {
            return state().key();
        }

        @Override
        public void setKey(String field) {
            update(new RolloutUpdate(null, null, null, null, field));
        }

        @Override
        public double getEffectivePercent() {
            return state().effectivePercent();
        }

        @Override
        public long getPilotDecisions() {
            return flags.counts(flow).pilotDecisions();
        }

        @Override
        public long getControlDecisions() {
            return flags.counts(flow).controlDecisions();
        }

        @Override
        public long getFallbacks() {
            return flags.counts(flow).fallbacks();
        }

        @Override
        public String getGuardrailState() {
            RolloutState state = state();
            return state.trippedReason() != null ? "tripped" : state.effectivePercent() > 0 ? "piloting" : "off";
        }

        @Override
        public String getTrippedReason() {
            String reason = state().trippedReason();
            return reason == null ? "" : reason;
        }

        @Override
        public void killSwitch() {
            setEnabled(false);
        }
    }
}
