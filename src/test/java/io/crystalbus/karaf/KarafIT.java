package io.crystalbus.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The crystal-bus feature on a real Apache Karaf (Pax Exam starts the distribution in its own JVM; this class runs
 * inside it as a probe bundle). One test, in the order an operator meets it: install the feature, the routes run,
 * a settlement posted to the HTTP API inside Karaf changes the balance, a configuration change through
 * Configuration Admin takes effect, and stopping the bundle leaves no thread of it behind. The build's bundle,
 * feature and cfg are put into Karaf's system repository, where the feature's mvn: URLs find them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafIT {
    private static final String VERSION = System.getProperty("crystal.version");
    private static final String SYSTEM_DIR = "system/io/crystalbus/crystal-bus/" + VERSION + "/crystal-bus-" + VERSION;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    private BundleContext bundleContext;
    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        String karaf = System.getProperty("karaf.version");
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven("org.apache.karaf", "apache-karaf", karaf).type("tar.gz"))
                        .unpackDirectory(new File("target/karaf-it")).useDeployFolder(false),
                // the probe (this class) runs inside Karaf's JVM: what it needs of the build goes along
                systemProperty("crystal.version").value(VERSION),
                systemProperty("crystal.bundle").value(System.getProperty("crystal.bundle")),
                keepRuntimeFolder(), // target/karaf-it/<uuid>: its data/log/karaf.log explains a failure
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                replaceConfigurationFile(SYSTEM_DIR + "-bundle.jar", new File(System.getProperty("crystal.bundle"))),
                replaceConfigurationFile(SYSTEM_DIR + "-features.xml", new File(System.getProperty("crystal.features"))),
                replaceConfigurationFile(SYSTEM_DIR + "-karaf.cfg", new File(System.getProperty("crystal.cfg"))),
                // everything from the system folder and the build's local repository: no download inside Karaf
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1")));
        // what bin/karaf passes to a Java 9+ JVM (the Pax Exam container does not)
        for (String option : List.of("--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
                "-Xmx512m")) {
            options.add(new VMOption(option));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void theFeatureInstallsRunsTakesConfigurationChangesAndStopsCleanly() throws Exception {
        // 1. install: the feature brings its cfg and the bundle; the bus starts once the cfg reaches Config Admin
        features.addRepository(URI.create("mvn:io.crystalbus/crystal-bus/" + VERSION + "/xml/features"));
        long installing = System.nanoTime();
        features.installFeature("crystal-bus");
        long installed = System.nanoTime();
        Bundle bundle = crystalBundle();
        assertEquals("bundle state", Bundle.ACTIVE, bundle.getState());

        // 2. every route Started (JMX), the domains among them
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName routes = new ObjectName("org.apache.camel:context=crystal-bus,type=routes,*");
        await("the routes of crystal-bus started", STARTUP, () -> allStarted(jmx, routes));
        long started = System.nanoTime();
        Set<String> routeIds = new TreeSet<>();
        jmx.queryNames(routes, null).forEach(n -> routeIds.add((String) attribute(jmx, n, "RouteId")));
        assertTrue("domain routes in " + routeIds, routeIds.containsAll(Set.of("settlement", "settlement-completed", "balance",
                "free-play", "distributions", "collections", "collections-files", "api-wagers-settled", "dead-letter")));
        System.out.printf("KarafIT: bundle %,d bytes; feature installed in %d ms; %d routes Started %d ms after the install began%n",
                Files.size(Path.of(System.getProperty("crystal.bundle"))), (installed - installing) / 1_000_000,
                routeIds.size(), (started - installing) / 1_000_000);

        // the bus's own Jolokia (what Hawtio's `console --connect` reads) and metrics on the management port
        HttpResponse<String> search = get(9876, "/observe/jolokia/search/org.apache.camel:context=crystal-bus,type=routes,*");
        assertEquals(search.body(), 200, search.statusCode());
        assertTrue(search.body(), search.body().contains("name=\\\"settlement\\\""));
        assertTrue("crystal meters", get(9876, "/observe/metrics").body().contains("crystal_inbox_depth"));

        // the feature's cfg: the standalone defaults with Karaf's data and route directories
        Dictionary<String, Object> settings = configurationAdmin.getConfiguration(KarafBus.PID, null).getProperties();
        String karafData = System.getProperty("karaf.data");
        assertEquals("crystal.data.dir", new File(karafData, "crystal-bus").getPath(), new File((String) settings.get("crystal.data.dir")).getPath());
        assertEquals("camel.server.port", "8080", settings.get("camel.server.port"));
        assertEquals("crystal.settlement.commission-bps", "500", settings.get("crystal.settlement.commission-bps"));

        // 3. a winning wager posted inside Karaf: 202, then the customer's balance holds its payout
        assertEquals(202, post(8080, wager("W-karaf-1", "C-karaf", "WIN", 2500)).statusCode());
        await("the payout in the balance", STARTUP, () -> get(8080, "/api/v1/balances/C-karaf").body().contains("\"balance\":2500,"));
        // bad input: a clear 400 and a dead letter in the journal under Karaf's data directory
        assertEquals(400, post(8080, "{\"wagerId\": ").statusCode());
        Path deadLetters = Path.of(karafData, "crystal-bus", "dead-letters");
        await("a dead-letter journal under " + deadLetters, STARTUP, () -> Files.isDirectory(deadLetters) && journalFiles(deadLetters) > 0);

        // 4. a configuration change: the bus restarts on another port with another commission rate,
        // with an integrator's route file added to ${karaf.etc}/crystal-bus/routes (loaded at the restart)
        Path integratorRoutes = Path.of(System.getProperty("karaf.etc"), "crystal-bus", "routes");
        assertTrue("the integrators' route directory", Files.isDirectory(integratorRoutes));
        Files.writeString(integratorRoutes.resolve("karaf-extra.camel.yaml"), """
                - route:
                    id: karaf-extra
                    from:
                      uri: direct:karaf-extra
                      steps:
                        - log: "an integrator's route"
                """);
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration(KarafBus.PID, null);
        // a setting left out takes the bundle's application.properties value (Camel's default name is camel-1)
        int newPort = reconfigure(configuration, Map.of("camel.server.port", Integer.toString(freePort()),
                "crystal.settlement.commission-bps", "1000"), jmx, routes, "camel.main.name");
        assertTrue("the old port still answers", !answers(8080));
        assertEquals("the integrator's route", "Started", attribute(jmx,
                new ObjectName("org.apache.camel:context=crystal-bus,type=routes,name=\"karaf-extra\""), "State"));
        // a losing stake of 1000: 10% commission now (5% before)
        assertEquals(202, post(newPort, wager("W-karaf-2", "C-karaf-2", "LOSS", 0)).statusCode());
        await("the agent's commission at the new rate", STARTUP,
                () -> get(newPort, "/api/v1/agents/A-karaf/accruals").body().matches("(?s).*\"accrued\":100[,}].*"));

        // 5. durable: the inboxes on the embedded Artemis broker, the store in SQLite (its schema applied by Flyway from
        // inside the bundle); each configuration change moves the API to a new port, so its answer proves the restart
        int durablePort = reconfigure(configuration, Map.of("camel.server.port", Integer.toString(freePort()),
                "crystal.transport", "jms", "crystal.store", "jdbc"), jmx, routes);
        assertTrue("balance inbox on the broker", ((String) attribute(jmx, new ObjectName(
                "org.apache.camel:context=crystal-bus,type=routes,name=\"balance\""), "EndpointUri")).startsWith("jms:"));
        assertEquals(202, post(durablePort, wager("W-karaf-3", "C-karaf-3", "WIN", 2500)).statusCode());
        await("the payout in the durable ledger", STARTUP,
                () -> get(durablePort, "/api/v1/balances/C-karaf-3").body().contains("\"balance\":2500,"));
        int restartedPort = reconfigure(configuration, Map.of("camel.server.port", Integer.toString(freePort())), jmx, routes);
        assertTrue("the balance outlives the restart", get(restartedPort, "/api/v1/balances/C-karaf-3").body().contains("\"balance\":2500,"));
        // a repeat after the restart, then a new wager of the same customer (a message group: applied in order)
        assertEquals(202, post(restartedPort, wager("W-karaf-3", "C-karaf-3", "WIN", 2500)).statusCode());
        assertEquals(202, post(restartedPort, wager("W-karaf-4", "C-karaf-3", "WIN", 2500)).statusCode());
        await("the new wager settled", STARTUP,
                () -> get(restartedPort, "/api/v1/settlements/W-karaf-4").body().contains("\"status\":\"COMPLETED\""));
        assertTrue("the repeat applied once", get(restartedPort, "/api/v1/balances/C-karaf-3").body().contains("\"balance\":5000,"));
        int port = restartedPort;

        // 6. stop: nothing of crystal-bus keeps running (no thread, no MBean)
        ClassLoader loader = bundle.adapt(BundleWiring.class).getClassLoader();
        long stopping = System.nanoTime();
        bundle.stop();
        System.out.printf("KarafIT: bundle stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        List<String> threadsLeft = crystalThreads(loader);
        for (long deadline = System.nanoTime() + 15_000_000_000L; !threadsLeft.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(100); // pools end their idle threads on their own time
            threadsLeft = crystalThreads(loader);
        }
        assertEquals("crystal-bus threads left after the bundle stopped", List.of(), threadsLeft);
        assertTrue("camel MBeans left", jmx.queryNames(new ObjectName("org.apache.camel:context=crystal-bus,*"), null).isEmpty());
        assertTrue("the API still answers", !answers(port));
    }

    /** Changes settings through Configuration Admin; returns the API's port once the restarted bus runs there. */
    private static int reconfigure(org.osgi.service.cm.Configuration configuration, Map<String, String> settings, MBeanServer jmx,
                                   ObjectName routes, String... removed) throws Exception {
        Dictionary<String, Object> changed = configuration.getProperties();
        settings.forEach(changed::put);
        for (String key : removed) {
            changed.remove(key);
        }
        configuration.update(changed);
        int port = Integer.parseInt((String) changed.get("camel.server.port"));
        await("the API on port " + port, STARTUP, () -> answers(port));
        await("the restarted routes started", STARTUP, () -> allStarted(jmx, routes));
        return port;
    }

    private static long journalFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    private Bundle crystalBundle() {
        for (Bundle bundle : bundleContext.getBundles()) {
            if ("io.crystalbus".equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle io.crystalbus installed");
    }

    /** Threads the bundle started: named after the bus or Vert.x, or running with the bundle's class loader. */
    private static List<String> crystalThreads(ClassLoader bundleLoader) {
        Pattern ours = Pattern.compile("Camel \\(crystal-bus\\)|crystal-bus|vert\\.x-|vertx-");
        List<String> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && (thread.getContextClassLoader() == bundleLoader || ours.matcher(thread.getName()).find())) {
                threads.add(thread.getName());
            }
        }
        return threads;
    }

    private static String wager(String wagerId, String customer, String outcome, long payout) {
        return """
                {"wagerId": "%s", "customerId": "%s", "agentId": "A-karaf", "currency": "USD", "stake": 1000,
                 "payout": %d, "outcome": "%s", "freePlay": false, "settledAt": "2026-11-27T12:00:00Z"}"""
                .formatted(wagerId, customer, payout, outcome);
    }

    private static HttpResponse<String> post(int port, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/wagers/settled"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether crystal-bus's API answers on the port. */
    private static boolean answers(int port) {
        try {
            return get(port, "/api/v1/dead-letters").statusCode() == 200; // the route answers, not only the server
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean allStarted(MBeanServer jmx, ObjectName routes) {
        Set<ObjectName> names = jmx.queryNames(routes, null);
        return names.size() > 30 && names.stream().allMatch(n -> "Started".equals(attribute(jmx, n, "State")));
    }

    private static Object attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return jmx.getAttribute(name, attribute);
        } catch (Exception e) {
            return null; // the route is being added or removed
        }
    }

    private static void await(String what, Duration limit, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                fail("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(100); // the poll interval of a wait with a deadline (Awaitility is not in the Karaf probe)
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
