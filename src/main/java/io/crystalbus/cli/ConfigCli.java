package io.crystalbus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code config [key=value ...]}: every effective setting, its value (secrets masked) and its source. */
@Command(name = "config", mixinStandardHelpOptions = true, description = {
        "Prints every setting the bus would run with: its value (passwords, secrets and tokens masked) and where it came "
                + "from, highest first: key=value, -D, the environment (CAMEL_* for camel.*), the installation's file "
                + "(-Dcrystal.config, etc/application.properties in the distribution), the jar's application.properties."})
final class ConfigCli implements Callable<Integer> {
    @ParentCommand
    CrystalBusCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "key=value", description = "settings, as run takes them")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Map<String, EffectiveSettings.Setting> effective = EffectiveSettings.of(Settings.of(settings, spec), System.getProperties(), cli.environment);
        int width = effective.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (EffectiveSettings.Setting setting : effective.values()) {
            cli.out.printf("%-" + width + "s = %s   [%s]%n", setting.key(), setting.shown(), setting.source());
        }
        return 0;
    }
}
