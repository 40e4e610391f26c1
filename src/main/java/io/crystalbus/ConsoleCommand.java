package io.crystalbus;

import io.crystalbus.observe.console.ConsoleSettings;
import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.security.AuthenticationPolicy;
import io.crystalbus.wiring.BusSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * {@code console --connect <jolokia-url> [key=value ...]}: only the Hawtio console, connected to another
 * JVM's Jolokia (a Karaf container, another crystal-bus), with the same settings and login rules as the bus.
 */
final class ConsoleCommand {
    private ConsoleCommand() {
    }

    static void run(String[] args) throws Exception {
        URI remote = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--connect") && i + 1 < args.length) {
                remote = URI.create(args[++i]);
            } else {
                settings.add(args[i]);
            }
        }
        if (remote == null || remote.getHost() == null) {
            System.err.println("console needs --connect <jolokia-url>\n" + CrystalBus.usage());
            System.exit(2);
        }
        HawtioConsole console = start(remote, CrystalBus.keyValues(settings.toArray(String[]::new)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop();
            stopped.countDown();
        }, "crystal-console-stop"));
        stopped.await();
    }

    /** Reads the settings as the bus does (application.properties, then -D, then key=value) and starts the console. */
    static HawtioConsole start(URI remote, Map<String, String> overrides) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation("classpath:application.properties");
            overrides.forEach(properties::addOverrideProperty);
            BusSettings busSettings = new BusSettings(properties);
            ConsoleSettings consoleSettings = ConsoleSettings.from(busSettings, Optional.of(remote));
            HawtioConsole console = new HawtioConsole(consoleSettings,
                    new AuthenticationPolicy(busSettings, System.getenv()).credentialsFor("crystal.console.host", consoleSettings.host()));
            console.start();
            return console;
        }
    }
}
