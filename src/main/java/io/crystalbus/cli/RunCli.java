package io.crystalbus.cli;

import io.crystalbus.CrystalBus;
import io.crystalbus.integrator.reload.RouteReloading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run [--dev] [key=value ...]}: starts the bus and returns when it stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {"Starts the bus (the default command).",
        "key=value overrides a setting, e.g. camel.server.port=8081 (every setting: docs/configuration.md)."})
final class RunCli implements Callable<Integer> {
    static final String DEV = "--dev";

    @Spec
    CommandSpec spec;

    @Option(names = DEV, description = "reload the route files in crystal.routes.dir when they change")
    boolean dev;

    @Parameters(paramLabel = "key=value", description = "settings")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = Settings.of(settings, spec);
        if (dev) {
            overrides.put(RouteReloading.RELOAD, "true");
        }
        CommandLineWins.apply(overrides, System.getenv());
        new CrystalBus(overrides).run();
        return 0;
    }
}
