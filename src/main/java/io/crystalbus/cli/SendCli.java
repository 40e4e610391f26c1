package io.crystalbus.cli;

import io.crystalbus.integrator.ApiClient;
import io.crystalbus.integrator.SendCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code send --file message.yaml [--url U] [--type T]}: posts a message file to a running bus. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Posts a YAML or JSON message (or a list) to a running bus and prints the answer; exit code 0 for a 2xx.")
final class SendCli implements Callable<Integer> {
    @ParentCommand
    CrystalBusCli cli;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the message, e.g. docs/examples/wager.settled.yaml")
    Path file;

    @Option(names = "--url", defaultValue = ApiClient.DEFAULT_URL, description = "the bus's API (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--type", paramLabel = "TYPE", description = "wager.settled, collection.received, freeplay or distribution.run "
            + "(default: from the file's name, else its fields)")
    String type;

    @Override
    public Integer call() throws Exception {
        return SendCommand.send(file, url, type, cli.out);
    }
}
