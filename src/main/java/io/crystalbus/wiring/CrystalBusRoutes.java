package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import java.util.Collection;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Resource;

/**
 * crystal-bus inside a CamelContext, as the routes builder Camel Main (or the OSGi activator) adds: the assembly
 * ({@link BusAssembly}), then the route files ({@link RouteLoading}); what the assembly opened is stopped again
 * when the start fails ({@link OpenedServices}). The activator lists the shipped route files another way (bundle
 * entries instead of a class-path scan).
 */
public final class CrystalBusRoutes implements RoutesBuilder {
    public static final String ROUTES_DIR = "crystal.routes.dir";

    private final Function<CamelContext, Collection<Resource>> shippedRoutes;
    private BusBeans beans;
    private final OpenedServices opened = new OpenedServices();

    public CrystalBusRoutes(Function<CamelContext, Collection<Resource>> shippedRoutes) {
        this.shippedRoutes = shippedRoutes;
    }

    /** Lists {@code routes/*.camel.yaml} on the class path with Camel's resource scanner. */
    public static CrystalBusRoutes fromClassPath() {
        return new CrystalBusRoutes(CrystalBusRoutes::shippedOnClassPath);
    }

    /** The route files inside the application: {@code routes/*.camel.yaml} on the class path. */
    public static Collection<Resource> shippedOnClassPath(CamelContext context) {
        return RouteLoading.scan(context, "classpath:routes/*" + RouteFiles.SUFFIX);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        beans = BusAssembly.assemble(context, settings, opened);
        RouteLoading.load(context, settings, shippedRoutes.apply(context));
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) {
        // route templates come from the route files themselves
    }

    @Override
    public java.util.Set<String> updateRoutesToCamelContext(CamelContext context) {
        throw new UnsupportedOperationException("crystal-bus reloads route files through its own reloader");
    }

    /** Stops what the assembly opened, newest first, after a start that failed ({@link OpenedServices}). */
    public void stopOpened() {
        opened.stopAll();
    }

    /** The beans, once the routes were added. */
    public BusBeans beans() {
        return beans;
    }
}
