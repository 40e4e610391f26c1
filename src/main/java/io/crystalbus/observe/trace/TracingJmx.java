package io.crystalbus.observe.trace;

import io.crystalbus.observe.MBeans;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.apache.camel.support.service.ServiceSupport;

/** Registers the {@link TracingMBean} while the context runs. */
public final class TracingJmx extends ServiceSupport {
    public static final String NAME = "io.crystalbus:type=Tracing";
    private final MessageTracer tracer;

    public TracingJmx(MessageTracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doStart() throws Exception {
        MBeans.register(new ObjectName(NAME), new StandardMBean(new TracingMBean() {
            @Override
            public String[] getTracedRoutes() {
                return tracer.tracedRoutes().toArray(String[]::new);
            }

            @Override
            public void trace(String routeId, boolean on) {
                tracer.trace(routeId, on);
            }
        }, TracingMBean.class));
    }

    @Override
    protected void doStop() throws Exception {
        MBeans.unregister(new ObjectName(NAME));
    }
}
