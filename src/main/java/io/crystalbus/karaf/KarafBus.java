package io.crystalbus.karaf;

import io.crystalbus.CrystalBus;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one crystal-bus running with the latest configuration of the PID {@code io.crystalbus}. A changed
 * configuration stops the running bus (which drains its inboxes: nothing accepted is lost) and starts a new one;
 * if the new one does not start, the last configuration that did runs again. Every start and stop happens on one
 * thread, in the order the configurations arrived. Without a configuration the bus does not run: the feature's
 * cfg file reaches Configuration Admin a second or two after the bundle starts, and starting on defaults before it
 * would start the bus twice (and in Karaf the standalone defaults are wrong: data under the working directory, the
 * console that the bundle does not hold).
 */
final class KarafBus implements ManagedService, AutoCloseable {
    static final String PID = "io.crystalbus";
    private static final String CONSOLE = "crystal.console.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(KarafBus.class);

    private final Supplier<CrystalBusRoutes> routes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "crystal-bus-config"));
    // a configuration Configuration Admin delivers while the bundle stops is not applied
    private volatile boolean closed;
    private CrystalBus bus;
    private Map<String, String> runningSettings;
    private Map<String, String> lastStartedSettings;

    KarafBus(Supplier<CrystalBusRoutes> routes) {
        this.routes = routes;
    }

    @Override
    public void updated(Dictionary<String, ?> properties) {
        Map<String, String> settings = properties == null ? null : settings(properties);
        try {
            worker.execute(() -> apply(settings));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Configuration {} arrived while the bundle stops: not applied", PID);
        }
    }

    private void apply(Map<String, String> settings) {
        if (closed) {
            return;
        }
        if (settings == null) {
            if (bus != null) {
                LOG.info("Configuration {} deleted: crystal-bus stops", PID);
                stopBus();
            } else {
                LOG.info("crystal-bus waits for its configuration {} (etc/{}.cfg, installed by the crystal-bus feature)", PID, PID);
            }
            return;
        }
        if (bus != null && settings.equals(runningSettings)) {
            return; // Configuration Admin delivers the same configuration again, e.g. when fileinstall rescans
        }
        stopBus();
        if (!start(settings) && lastStartedSettings != null && !lastStartedSettings.equals(settings)) {
            LOG.warn("crystal-bus starts again on the last configuration {} that started; fix the configuration and save it again", PID);
            start(lastStartedSettings);
        }
    }

    private boolean start(Map<String, String> settings) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the bus's threads inherit this loader: libraries that look up services through it (Vert.x, Jackson) find
        // the jars embedded in the bundle
        thread.setContextClassLoader(KarafBus.class.getClassLoader());
        try {
            long started = System.nanoTime();
            createRoutesDirectory(settings);
            bus = new CrystalBus(withoutConsole(settings), routes.get()).inContainer().start();
            runningSettings = settings;
            lastStartedSettings = settings;
            LOG.info("crystal-bus started from configuration {} ({} settings) in {} ms", PID, settings.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return true;
        } catch (Exception | LinkageError e) {
            LOG.error("crystal-bus did not start with configuration {}: {}", PID, e.getMessage(), e);
            bus = null;
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The Hawtio console (Jetty and Hawtio's classes) is not in the bundle: it is off whatever the configuration
     * says, and runs outside Karaf with {@code console --connect} (docs/deployment.md).
     */
    private static Map<String, String> withoutConsole(Map<String, String> settings) {
        if (Boolean.parseBoolean(settings.getOrDefault(CONSOLE, "").trim())) {
            LOG.warn("{}=true ignored: the Hawtio console is not in the Karaf bundle; run it outside with "
                    + "java -jar crystal-bus.jar console --connect http://127.0.0.1:9876/observe/jolokia", CONSOLE);
        }
        Map<String, String> overrides = new TreeMap<>(settings);
        overrides.put(CONSOLE, "false");
        return overrides;
    }

    /** The integrators' directory ({@code crystal.routes.dir}) exists from the start, so they see where files go. */
    private static void createRoutesDirectory(Map<String, String> settings) throws IOException {
        String dir = settings.getOrDefault(CrystalBusRoutes.ROUTES_DIR, "").trim();
        if (!dir.isEmpty()) {
            Files.createDirectories(Path.of(dir));
        }
    }

    private void stopBus() {
        if (bus == null) {
            return;
        }
        try {
            bus.stop();
        } catch (Exception e) {
            LOG.warn("crystal-bus did not stop cleanly: {}", e.getMessage(), e);
        }
        bus = null;
        runningSettings = null;
    }

    /** Waits until every configuration delivered so far is applied (for tests). */
    void awaitApplied() throws Exception {
        worker.submit(() -> { }).get(2, TimeUnit.MINUTES);
    }

    /** Stops the bus (draining its inboxes) and the configuration thread. */
    @Override
    public void close() throws Exception {
        closed = true;
        // after a start in progress, if any; the drain is bounded by camel.main.shutdown-timeout
        worker.submit(this::stopBus).get(5, TimeUnit.MINUTES);
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("The crystal-bus configuration thread did not end");
        }
    }

    /** The configuration's settings, without the entries Configuration Admin and fileinstall add themselves. */
    static Map<String, String> settings(Dictionary<String, ?> properties) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : Collections.list(properties.keys())) {
            if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                settings.put(key, String.valueOf(properties.get(key)));
            }
        }
        return settings;
    }
}
