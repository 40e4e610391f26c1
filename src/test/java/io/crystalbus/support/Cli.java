package io.crystalbus.support;

import io.crystalbus.cli.CrystalBusCli;
import io.crystalbus.security.api.CredentialsCommand.PasswordSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A command line run in this JVM, as {@code java -jar crystal-bus.jar ...} would run it: its exit code and what it printed. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        return run(Map.of(), prompt -> null, args);
    }

    public static Cli run(Map<String, String> environment, PasswordSource password, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CrystalBusCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment, password, args);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
