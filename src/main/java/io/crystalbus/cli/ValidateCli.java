package io.crystalbus.cli;

import io.crystalbus.integrator.ValidateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Parameters(paramLabel = "PATH", defaultValue = "src/main/resources/routes",
            description = "route files, or directories of *.camel.yaml files (default: ${DEFAULT-VALUE})")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        // the check's own messages only, not the log of the Camel context it starts
        Configurator.setRootLevel(Level.ERROR);
        return ValidateCommand.run(paths, cli.out);
    }
}
