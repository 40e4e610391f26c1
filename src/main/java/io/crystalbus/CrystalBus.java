package io.crystalbus;

import io.crystalbus.integrator.reload.RouteReloading;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.security.ManagementJolokiaGuard;
import io.crystalbus.security.ManagementSecurity;
import io.crystalbus.security.ServerTlsSetup;
import io.crystalbus.security.api.ApiSecurity;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.util.Arrays;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The crystal-bus application on Camel Main, and its command line: {@code run} (the default) starts the
 * bus. Settings come from {@code application.properties}, then {@code -D} system properties and
 * {@code key=value} arguments.
 */
public final class CrystalBus {
    private final Main main = new Main();
    private final CrystalBusRoutes routes;

    public CrystalBus(Map<String, String> overrides) {
        this(overrides, CrystalBusRoutes.fromClassPath());
    }

    /** The same bus with the shipped route files listed another way (the Karaf bundle lists its entries). */
    public CrystalBus(Map<String, String> overrides, CrystalBusRoutes routes) {
        this.routes = routes;
        main.configure().addRoutesBuilder(routes);
        main.addMainListener(new ServerTlsSetup(System.getenv()));
        main.addMainListener(new ManagementSecurity());
        main.addMainListener(new ManagementJolokiaGuard());
        main.addMainListener(new ApiSecurity(() -> routes.components().get("metrics", BusMetrics.class), System.getenv()));
        main.addMainListener(new RouteReloading());
        overrides.forEach(main::addOverrideProperty);
    }

    public static void main(String... args) throws Exception {
        boolean settingsOnly = args.length == 0 || args[0].contains("=") || args[0].equals("--dev");
        String command = settingsOnly ? "run" : args[0];
        String[] rest = settingsOnly ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "run" -> new CrystalBus(keyValues(rest)).main.run();
            case "console" -> ConsoleCommand.run(Arrays.copyOfRange(args, 1, args.length));
            case "bench" -> {
                io.crystalbus.bench.BenchCommand.run(Arrays.copyOfRange(args, 1, args.length));
                System.exit(0);
            }
            case "validate" -> {
                org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
                System.exit(io.crystalbus.integrator.ValidateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
            }
            case "dead-letters" -> System.exit(io.crystalbus.integrator.DeadLettersCommand.run(
                    Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out));
            case "credentials" -> System.exit(io.crystalbus.security.api.CredentialsCommand.run(Arrays.copyOfRange(args, 1, args.length),
                    io.crystalbus.security.api.CredentialsCommand.PasswordSource.system(
                            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))),
                    System.out));
            case "send" -> System.exit(io.crystalbus.integrator.SendCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
            case "help", "--help", "-h" -> System.out.println(usage());
            default -> {
                System.err.println("unknown command '" + command + "'\n" + usage());
                System.exit(2);
            }
        }
    }

    static Map<String, String> keyValues(String[] args) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--dev")) {
                values.put(RouteReloading.RELOAD, "true");
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'\n" + usage());
            }
            values.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
        }
        return values;
    }

    static String usage() {
        return """
                usage: java -jar crystal-bus.jar [run] [--dev] [key=value ...]
                  run                              start the bus (default); key=value overrides a setting,
                                                   e.g. camel.server.port=8081; --dev reloads the route files
                                                   in crystal.routes.dir when they change
                  console --connect <jolokia-url>  serve only the Hawtio console, connected to another JVM's
                                                   Jolokia, e.g. http://127.0.0.1:8778/jolokia
                  bench [--modes object,json,cbor,yaml] [--rate 10000] [--batch json+zstd] [--duration 20s]
                        [--transport jms]          the settlement flow per wire mode, at maximum and at a fixed
                                                   rate (--transport jms: Artemis inboxes and the JDBC ledger);
                                                   writes target/bench/report.json, report.md, latency.svg
                  bench metrics-overhead|batching [--rounds 3] [--warmup 10s] [--duration 10s]
                                                   configurations side by side in fresh JVMs (medians, ratios)
                  validate [files or directories]  checks route files (schema, ids, endpoints, inboxes, beans,
                                                   placeholders); prints file:line: message, exit 1 on problems
                  send --file message.yaml [--url http://127.0.0.1:8080] [--type wager.settled]
                                                   posts a YAML or JSON message (or a list) to a running bus
                  dead-letters list [--limit 100] [--url http://127.0.0.1:8080]
                  dead-letters replay <id> [--url ...] [--user admin]
                                                   lists a running bus's dead letters; replays one into the inbox
                                                   it failed from (password in CRYSTAL_ADMIN_PASSWORD)
                  credentials user <name> <roles>  prints a line for crystal.api.credentials-file: the user, the
                                                   password (read without echo) hashed, and the roles
                  credentials token <name> <roles> makes an API token (bearer) and prints it with its line
                                                   (roles: ingest, read, operator, comma-separated, or all)
                  help                             this text""";
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
        return routes.components().get(name, type);
    }
}
