package io.crystalbus.wiring;

import io.crystalbus.codec.Mappers;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.transport.DrainingShutdownStrategy;
import io.crystalbus.transport.Inboxes;
import io.crystalbus.transport.JmsTransport;
import io.crystalbus.transport.Transport;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.Service;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles crystal-bus inside a CamelContext: inbox endpoints, beans, then the route files. Camel Main
 * adds it as a routes builder; an OSGi activator adds the same object to its own context, giving a
 * different way to list the shipped route files (bundle entries instead of a class-path scan).
 */
public final class CrystalBusRoutes implements RoutesBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CrystalBusRoutes.class);
    public static final String ROUTES_DIR = "crystal.routes.dir";

    private final Function<CamelContext, Collection<Resource>> shippedRoutes;
    private BusComponents components;
    // what the assembly opened before the context started (ledger pool, journal, broker), in order
    private final List<Service> opened = new java.util.ArrayList<>();

    public CrystalBusRoutes(Function<CamelContext, Collection<Resource>> shippedRoutes) {
        this.shippedRoutes = shippedRoutes;
    }

    /** Lists {@code routes/*.camel.yaml} on the class path with Camel's resource scanner. */
    public static CrystalBusRoutes fromClassPath() {
        return new CrystalBusRoutes(CrystalBusRoutes::shippedOnClassPath);
    }

    /** The route files inside the application: {@code routes/*.camel.yaml} on the class path. */
    public static Collection<Resource> shippedOnClassPath(CamelContext context) {
        return scan(context, "classpath:routes/*" + RouteFiles.SUFFIX);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        Inboxes.register(settings);
        components = new BusComponents(settings, context);
        components.bindTo(context.getRegistry());
        opened.addAll(components.services());
        if (Transport.of(settings) == Transport.JMS) {
            for (Service service : JmsTransport.install(context, settings, components.get("mappers", Mappers.class).json(),
                    components.get("inboxMonitor", InboxMonitor.class))) {
                opened.add(service);
                context.addService(service, true, true);
            }
        }
        for (Service service : components.services()) {
            context.addService(service);
        }
        Observability.install(context, settings, components);
        DrainingShutdownStrategy.install(context, components.get("inboxMonitor", InboxMonitor.class));

        Collection<Resource> overrides = settings.string(ROUTES_DIR)
                .map(dir -> scan(context, "file:" + dir + "/*" + RouteFiles.SUFFIX))
                .orElse(List.of());
        List<Resource> files = RouteFiles.merge(shippedRoutes.apply(context), overrides);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.addModelLifecycleStrategy(new FlowStartupOrder());
        model.addModelLifecycleStrategy(new RestRouteErrors());
        LOG.info("Loading {} route files: {}", files.size(), files.stream().map(Resource::getLocation).toList());
        PluginHelper.getRoutesLoader(context).loadRoutes(files);
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // route templates come from the route files themselves
    }

    @Override
    public java.util.Set<String> updateRoutesToCamelContext(CamelContext context) {
        throw new UnsupportedOperationException("crystal-bus reloads route files through its own reloader");
    }

    /**
     * Stops what the assembly opened, newest first, after a start that failed: Camel Main does not stop a context
     * whose start failed, and a broker or connection pool left open would hold its files (and, in Karaf, the
     * bundle's class loader) until the JVM ends.
     */
    public void stopOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).stop();
            } catch (Exception e) {
                LOG.warn("Could not stop {} after a failed start: {}", opened.get(i), e.getMessage());
            }
        }
    }

    /** The beans, once the routes were added. */
    public BusComponents components() {
        return components;
    }

    private static Collection<Resource> scan(CamelContext context, String pattern) {
        try {
            return PluginHelper.getPackageScanResourceResolver(context).findResources(pattern);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list route files " + pattern, e);
        }
    }
}
