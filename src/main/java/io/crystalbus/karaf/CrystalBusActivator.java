package io.crystalbus.karaf;

import io.crystalbus.wiring.CrystalBusRoutes;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * Starts crystal-bus in an OSGi container (Apache Karaf) with the standalone application's wiring: the route
 * files come from the bundle's entries (and from {@code crystal.routes.dir}), the settings from the
 * configuration {@code io.crystalbus} ({@code etc/io.crystalbus.cfg}) over the bundle's application.properties.
 */
public final class CrystalBusActivator implements BundleActivator {
    private KarafBus bus;
    private ServiceRegistration<ManagedService> managedService;

    @Override
    public void start(BundleContext context) {
        Bundle bundle = context.getBundle();
        bus = new KarafBus(() -> new CrystalBusRoutes(camel -> BundleRouteFiles.list(bundle, camel)));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, KarafBus.PID);
        managedService = context.registerService(ManagedService.class, bus, properties);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        managedService.unregister();
        bus.close();
    }
}
