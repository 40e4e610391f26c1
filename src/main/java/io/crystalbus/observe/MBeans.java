package io.crystalbus.observe;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers crystal-bus's own MBeans in the platform MBean server, replacing one a previous context left. */
public final class MBeans {
    private MBeans() {
    }

    public static void register(ObjectName name, Object mbean) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // a previous context in this JVM (tests, a Karaf restart)
        }
        server.registerMBean(mbean, name);
    }

    public static void unregister(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }
}
