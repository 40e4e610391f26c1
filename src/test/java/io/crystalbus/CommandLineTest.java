package io.crystalbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: each command's usage, and every wrong argument refused with exit code 2 and the usage. */
class CommandLineTest {
    /** Every command, as the help lists it (the nested ones with their parent). */
    private static final List<List<String>> COMMANDS = List.of(List.of("run"), List.of("console"), List.of("bench"), List.of("validate"),
            List.of("send"), List.of("dead-letters"), List.of("dead-letters", "list"), List.of("dead-letters", "replay"),
            List.of("credentials"), List.of("credentials", "user"), List.of("credentials", "token"), List.of("config"));

    @Test
    void theHelpListsEveryCommand() {
        Cli help = Cli.run("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: crystal-bus").contains("run", "console", "bench", "validate", "send", "dead-letters",
                "credentials", "config", "help");
        assertThat(Cli.run("--help").out()).isEqualTo(help.out());
    }

    @Test
    void everyCommandHasItsUsage() {
        for (List<String> command : COMMANDS) {
            Cli usage = Cli.run(with(command, "--help"));
            assertThat(usage.exitCode()).as(command.toString()).isZero();
            assertThat(usage.out()).as(command.toString()).startsWith("Usage: crystal-bus " + String.join(" ", command));
        }
    }

    @Test
    void anUnknownOptionOfAnyCommandIsRefusedWithItsUsageAndExitCode2() {
        // each with what it requires, so the unknown option is what is refused; run and console take settings
        // instead (tested below)
        Map<List<String>, List<String>> required = Map.of(List.of("send"), List.of("--file", "x.yaml"),
                List.of("dead-letters", "replay"), List.of("7"), List.of("credentials", "user"), List.of("alice", "read"),
                List.of("credentials", "token"), List.of("feed", "ingest"));
        for (List<String> command : COMMANDS.stream().filter(c -> !List.of(List.of("run"), List.of("console"), List.of("config")).contains(c)).toList()) {
            List<String> args = new ArrayList<>(command);
            args.addAll(required.getOrDefault(command, List.of()));
            args.add("--unknown-flag");
            Cli refused = Cli.run(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(command.toString()).isEqualTo(2);
            assertThat(refused.err()).as(command.toString()).contains("Unknown option: '--unknown-flag'")
                    .contains("Usage: crystal-bus " + String.join(" ", command));
        }
    }

    @Test
    void aMistypedBenchOptionIsRefusedInsteadOfRunningTheDefaultBenchmark() {
        Cli refused = Cli.run("bench", "--durration", "5s");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Unknown option: '--durration'").contains("--duration");
    }

    @Test
    void missingArgumentsAreNamed() {
        assertThat(Cli.run("send").err()).contains("Missing required option: '--file=FILE'");
        assertThat(Cli.run("console").err()).contains("Missing required option: '--connect=<jolokia-url>'");
        assertThat(Cli.run("credentials", "user", "alice").err()).contains("Missing required parameter: 'ROLES'");
        assertThat(Cli.run("dead-letters", "replay").err()).contains("Missing required parameter: 'ID'");
        assertThat(Cli.run("dead-letters").exitCode()).isEqualTo(2);
        assertThat(Cli.run("bench", "--rate", "fast").err()).contains("Invalid value for option '--rate'");
    }

    @Test
    void runAndConfigTakeSettingsOnlyAndRefuseAnythingElseBeforeStarting() {
        // no bus starts: each is refused while the arguments are read
        for (String command : List.of("run", "config")) {
            for (String wrong : List.of("--verbose", "verbose", "=value")) {
                Cli refused = Cli.run(command, wrong);
                assertThat(refused.exitCode()).as(command + " " + wrong).isEqualTo(2);
                assertThat(refused.err()).as(wrong).contains("expected a setting key=value, got '" + wrong + "'")
                        .contains("Usage: crystal-bus " + command);
            }
        }
        // settings first, without the command: run, which refuses the same way
        Cli implicit = Cli.run("camel.server.port=8081", "--verbose");
        assertThat(implicit.exitCode()).isEqualTo(2);
        assertThat(implicit.err()).contains("got '--verbose'");
    }

    @Test
    void theConsoleTakesSettingsOnlyBesideItsConnection() {
        Cli refused = Cli.run("console", "--connect", "http://127.0.0.1:1/jolokia", "--verbose");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("expected a setting key=value, got '--verbose'").contains("Usage: crystal-bus console");
        Cli noHost = Cli.run("console", "--connect", "jolokia");
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.err()).contains("--connect needs a URL with a host, got 'jolokia'");
    }

    @Test
    void aCommandThatFailsSaysWhyInOneLineWithExitCode1() {
        Cli refused = Cli.run("run", "crystal.api.max-items=lots", "camel.server.port=0", "camel.management.enabled=false",
                "crystal.console.enabled=false", "crystal.data.dir=target/test-data");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("crystal-bus run: setting crystal.api.max-items must be a whole number, not 'lots'");

        Cli missing = Cli.run("send", "--file", "no/such/message.yaml");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("crystal-bus send: no such file: no/such/message.yaml");
    }

    @Test
    void aClientCommandWithNoBusToTalkToSaysSoInOneLine() throws Exception {
        int nobody = io.crystalbus.support.JarProcess.freePort();
        String url = "http://127.0.0.1:" + nobody;
        Cli send = Cli.run("send", "--url", url, "--file", "docs/examples/wager.settled.yaml");
        assertThat(send.exitCode()).isEqualTo(1);
        assertThat(send.err().strip()).isEqualTo("crystal-bus send: no bus answers at " + url + "/api/v1/wagers/settled (is it running? --url names another)");
        Cli list = Cli.run("dead-letters", "list", "--url", url);
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err().strip()).startsWith("crystal-bus dead-letters list: no bus answers at " + url + "/api/v1/dead-letters");
    }

    @Test
    void aBusWhosePortIsTakenSaysWhichInOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli refused = Cli.run("run", "camel.server.port=" + taken.getLocalPort(), "camel.management.enabled=false",
                    "crystal.console.enabled=false", "crystal.data.dir=target/test-data");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().strip()).isEqualTo("crystal-bus run: the API server could not listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use or not allowed (the warning above says which); set camel.server.port to a free port");

            Cli management = Cli.run("run", "camel.server.port=0", "camel.management.port=" + taken.getLocalPort(),
                    "crystal.console.enabled=false", "crystal.data.dir=target/test-data");
            assertThat(management.exitCode()).isEqualTo(1);
            assertThat(management.err().strip()).startsWith("crystal-bus run: the management server could not listen on 127.0.0.1:"
                    + taken.getLocalPort()).endsWith("set camel.management.port to a free port");
        }
    }

    @Test
    void anUnknownCommandIsRefused() {
        Cli refused = Cli.run("serve");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Unmatched argument at index 0: 'serve'");
    }

    private static String[] with(List<String> command, String option) {
        return java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(option)).toArray(String[]::new);
    }
}
