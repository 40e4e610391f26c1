package io.crystalbus.cli;

import io.crystalbus.security.api.CredentialsCommand.PasswordSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar crystal-bus.jar [command] ...}: the command line, on picocli (generated help, an unknown
 * option or a missing argument refused with the command's usage and exit code 2). Without a command, or with
 * settings only ({@code key=value}, {@code --dev}), it runs the bus.
 */
@Command(name = "crystal-bus", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The sportsbook back office's inter-domain messaging bus, on Apache Camel.",
        subcommands = {RunCli.class, ConsoleCli.class, BenchCli.class, ValidateCli.class, SendCli.class, DeadLettersCli.class,
                CredentialsCli.class, ConfigCli.class, CommandLine.HelpCommand.class})
public final class CrystalBusCli {
    /** The exit code of a command that failed: its one-line reason on standard error. */
    static final int FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CrystalBusCli.class);
    final PrintStream out;
    final Map<String, String> environment;
    final PasswordSource password;

    CrystalBusCli(PrintStream out, Map<String, String> environment, PasswordSource password) {
        this.out = out;
        this.environment = environment;
        this.password = password;
    }

    public static void main(String... args) {
        PasswordSource password = PasswordSource.system(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        int exit = execute(System.out, System.err, System.getenv(), password, args);
        // run (and console) return once the bus stopped; every command ends the JVM with its exit code
        System.exit(exit);
    }

    /** Runs one command line; answers its exit code (2: a usage error, printed with the usage to {@code err}). */
    public static int execute(PrintStream out, PrintStream err, Map<String, String> environment, PasswordSource password, String... args) {
        CommandLine line = new CommandLine(new CrystalBusCli(out, environment, password));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            // a command that failed (a bus refusing its settings, a file it cannot read): one line, exit code 1;
            // the stack trace only in the log at DEBUG, for whoever reports a defect
            // the command's whole name: crystal-bus dead-letters list
            String name = command.getCommandSpec().qualifiedName();
            err.println(name + ": " + oneLine(failure));
            LOG.debug("{} failed", name, failure);
            return FAILED;
        });
        // run and console take settings, which may be written --key=value as well as key=value
        for (String takesSettings : List.of("run", "console", "config")) {
            line.getSubcommands().get(takesSettings).getCommandSpec().parser().unmatchedOptionsArePositionalParams(true);
        }
        return line.execute(withCommand(args));
    }

    /** The failure's message, or its class's name when it has none, on one line. */
    static String oneLine(Throwable failure) {
        if (failure instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** No command, or settings first: {@code run}. */
    static String[] withCommand(String[] args) {
        if (args.length > 0 && !args[0].contains("=") && !args[0].equals(RunCli.DEV)) {
            return args;
        }
        List<String> run = new ArrayList<>(List.of("run"));
        run.addAll(List.of(args));
        return run.toArray(String[]::new);
    }
}
