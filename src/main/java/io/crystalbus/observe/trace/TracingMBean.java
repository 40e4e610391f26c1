package io.crystalbus.observe.trace;

/** JMX view of tracing ({@code io.crystalbus:type=Tracing}): which routes are traced, and the switch. */
public interface TracingMBean {
    String[] getTracedRoutes();

    void trace(String routeId, boolean on);
}
