package io.crystalbus.cli;

import io.crystalbus.integrator.ApiClient;
import io.crystalbus.integrator.DeadLettersCommand;
import io.crystalbus.security.AdminCredentials;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dead-letters list|replay}: a running bus's dead letters, through its API. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "Lists a running bus's dead letters; replays one.",
        subcommands = {DeadLettersCli.ListLetters.class, DeadLettersCli.Replay.class})
final class DeadLettersCli {
    @ParentCommand
    CrystalBusCli cli;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints the newest dead letters.")
    static final class ListLetters implements Callable<Integer> {
        @ParentCommand
        DeadLettersCli parent;

        @Option(names = "--limit", defaultValue = "100", description = "how many (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--url", defaultValue = ApiClient.DEFAULT_URL, description = "the bus's API (default: ${DEFAULT-VALUE})")
        String url;

        @Override
        public Integer call() throws Exception {
            return DeadLettersCommand.list(url, limit, parent.cli.out);
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Replays a dead letter into the inbox it failed from, as the operator; the password comes from "
                    + AdminCredentials.PASSWORD_ENV + ", never the command line (which other users can read)."})
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        DeadLettersCli parent;

        @Parameters(paramLabel = "ID", description = "the dead letter's id (from list)")
        String id;

        @Option(names = "--url", defaultValue = ApiClient.DEFAULT_URL, description = "the bus's API (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--user", defaultValue = "admin", description = "the operator (default: ${DEFAULT-VALUE})")
        String user;

        @Override
        public Integer call() throws Exception {
            return DeadLettersCommand.replay(id, url, user, parent.cli.environment, parent.cli.out);
        }
    }
}
