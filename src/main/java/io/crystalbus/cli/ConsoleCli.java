package io.crystalbus.cli;

import io.crystalbus.CrystalBus;
import io.crystalbus.observe.console.ConsoleSettings;
import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.security.AuthenticationPolicy;
import io.crystalbus.config.BusSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code console --connect <jolokia-url> [key=value ...]}: only the Hawtio console, connected to another JVM's
 * Jolokia (a Karaf container, another crystal-bus), with the same settings and login rules as the bus.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serves only the Hawtio console, connected to another JVM's Jolokia.")
final class ConsoleCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connect", required = true, paramLabel = "<jolokia-url>", description = "e.g. http://127.0.0.1:8778/jolokia")
    URI remote;

    @Parameters(paramLabel = "key=value", description = "settings (crystal.console.*: docs/configuration.md)")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (remote.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--connect needs a URL with a host, got '" + remote + "'");
        }
        HawtioConsole console = start(remote, Settings.of(settings, spec));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop();
            stopped.countDown();
        }, "crystal-console-stop"));
        stopped.await();
        return 0;
    }

    /** Reads the settings as the bus does (application.properties, then -D, then key=value) and starts the console. */
    static HawtioConsole start(URI remote, Map<String, String> overrides) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation(CrystalBus.propertyLocations());
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
