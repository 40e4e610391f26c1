package io.crystalbus.cli;

import io.crystalbus.CrystalBus;
import io.crystalbus.config.BusSettings;
import io.crystalbus.integrator.ValidateCommand;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code validate [files or directories]}: checks route files as the bus would load them. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Checks route files as the bus would load them; prints file:line: message, exit code 1 on problems.",
        "Checked: schema, ids, endpoints, inboxes, beans, placeholders, together with the shipped files they do not replace."})
final class ValidateCli implements Callable<Integer> {
    @ParentCommand
    CrystalBusCli cli;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "route files, or directories of *.camel.yaml files (default: the files in use: the shipped ones "
                    + "and crystal.routes.dir's)")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        // the check's own messages only, not the log of the Camel context it starts
        Configurator.setRootLevel(Level.ERROR);
        if (!paths.isEmpty()) {
            return ValidateCommand.run(paths, cli.out);
        }
        // the integrators' directory with its files, checked together with the shipped ones; without files, the shipped ones
        Optional<Path> routesDir = routesDirectory().filter(ValidateCommand::hasRouteFiles);
        return routesDir.isPresent() ? ValidateCommand.run(List.of(routesDir.get()), cli.out) : ValidateCommand.runShipped(cli.out);
    }

    /** {@code crystal.routes.dir} as the bus would read it (the installation's settings file, -D), when it is set. */
    private static Optional<Path> routesDirectory() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(CrystalBus.propertyLocations());
            return new BusSettings(context.getPropertiesComponent()).string(CrystalBusRoutes.ROUTES_DIR).map(Path::of);
        }
    }
}
