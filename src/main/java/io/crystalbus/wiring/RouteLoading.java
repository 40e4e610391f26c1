package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the route files: the shipped ones merged with the integrators' ({@code crystal.routes.dir}), each flow's
 * routes given their start order, every route its group and the REST DSL's routes the API's error handling as they
 * are created.
 */
final class RouteLoading {
    private static final Logger LOG = LoggerFactory.getLogger(RouteLoading.class);

    private RouteLoading() {
    }

    static void load(CamelContext context, BusSettings settings, Collection<Resource> shipped) throws Exception {
        Collection<Resource> overrides = settings.string(CrystalBusRoutes.ROUTES_DIR)
                .map(dir -> scan(context, "file:" + dir + "/*" + RouteFiles.SUFFIX))
                .orElse(List.of());
        List<Resource> files = RouteFiles.merge(shipped, overrides);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.addModelLifecycleStrategy(new FlowStartupOrder());
        model.addModelLifecycleStrategy(new RouteGroups());
        model.addModelLifecycleStrategy(new RestRouteErrors());
        LOG.info("Loading {} route files: {}", files.size(), files.stream().map(Resource::getLocation).toList());
        PluginHelper.getRoutesLoader(context).loadRoutes(files);
    }

    static Collection<Resource> scan(CamelContext context, String pattern) {
        try {
            return PluginHelper.getPackageScanResourceResolver(context).findResources(pattern);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list route files " + pattern, e);
        }
    }
}
