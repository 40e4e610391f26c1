package io.crystalbus.integrator.reload;

import io.crystalbus.config.BusSettings;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Adds the {@link RouteReloader} to the bus when {@code crystal.routes.reload} is on: it starts and stops with
 * the bus. Reload needs the directory the integrators edit, {@code crystal.routes.dir}.
 */
public final class RouteReloading extends MainListenerSupport {
    public static final String RELOAD = "crystal.routes.reload";
    // how long a reload waits for the messages in flight to finish their routes before it gives up
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        if (!settings.flag(RELOAD)) {
            return;
        }
        Path directory = settings.string(CrystalBusRoutes.ROUTES_DIR).map(Path::of)
                .filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalArgumentException(RELOAD + "=true needs " + CrystalBusRoutes.ROUTES_DIR
                        + " set to the directory of route files to watch"));
        try {
            context.addService(new RouteReloader(context, directory, QUIET_TIMEOUT), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch " + directory + " for route changes", e);
        }
    }
}
