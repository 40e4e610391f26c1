package io.crystalbus;

import io.crystalbus.cli.CrystalBusCli;
import io.crystalbus.ingress.ApiAvailability;
import io.crystalbus.integrator.reload.RouteReloading;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.security.ManagementJolokiaGuard;
import io.crystalbus.security.ManagementSecurity;
import io.crystalbus.security.ServerTlsSetup;
import io.crystalbus.security.api.ApiSecurity;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The crystal-bus application on Camel Main: starts and stops the bus. Settings come from the jar's
 * {@code application.properties}, then the installation's file ({@code -Dcrystal.config}), then {@code -D} system
 * properties, then the overrides given (the command line's {@code key=value} arguments).
 */
public final class CrystalBus {
    /** An installation's own settings file over the jar's ({@code bin/crystal-bus} sets it to etc/application.properties). */
    public static final String CONFIG_FILE = "crystal.config";
    private final Main main = new Main();
    private final CrystalBusRoutes routes;

    public CrystalBus(Map<String, String> overrides) {
        this(overrides, CrystalBusRoutes.fromClassPath());
    }

    /** The same bus with the shipped route files listed another way (the Karaf bundle lists its entries). */
    public CrystalBus(Map<String, String> overrides, CrystalBusRoutes routes) {
        this.routes = routes;
        main.setDefaultPropertyPlaceholderLocation(propertyLocations());
        main.configure().addRoutesBuilder(routes);
        main.addMainListener(new ServerTlsSetup(System.getenv()));
        main.addMainListener(new ManagementSecurity());
        main.addMainListener(new ManagementJolokiaGuard());
        // before the login: a request at start or stop is told to retry whoever sends it
        main.addMainListener(new ApiAvailability(() -> routes.beans().metrics()));
        main.addMainListener(new ApiSecurity(() -> routes.beans().metrics(), System.getenv()));
        main.addMainListener(new RouteReloading());
        overrides.forEach(main::addOverrideProperty);
    }

    /**
     * Where the settings are read from: the installation's file ({@code -Dcrystal.config}) when there is one, then the
     * jar's {@code application.properties}. The first location that has a setting wins; {@code -D} and
     * {@code key=value} win over both.
     */
    public static String propertyLocations() {
        String configFile = System.getProperty(CONFIG_FILE, "").trim();
        return configFile.isEmpty() ? "classpath:application.properties" : "file:" + configFile + ",classpath:application.properties";
    }

    /** The jar's entry point: the command line ({@link CrystalBusCli}). */
    public static void main(String... args) {
        CrystalBusCli.main(args);
    }

    /** Starts the bus and blocks until it stopped (a signal, or the JVM's end). */
    public void run() throws Exception {
        main.run();
    }

    /**
     * Inside a container (Karaf), which stops the bus itself: no JVM shutdown hook, which would outlive the bundle
     * and hold its class loader.
     */
    public CrystalBus inContainer() {
        main.setShutdownStrategy(new org.apache.camel.main.SimpleMainShutdownStrategy());
        return this;
    }

    /** Starts the bus without blocking (for embedding and tests); after a failed start nothing it opened stays open. */
    public CrystalBus start() throws Exception {
        try {
            main.start();
        } catch (Exception | LinkageError e) {
            routes.stopOpened();
            throw e;
        }
        return this;
    }

    /** Stops the bus, draining every inbox first. */
    public void stop() throws Exception {
        main.stop();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return routes.beans().bean(name, type);
    }
}
