package io.crystalbus.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.MessageType;
import io.crystalbus.support.Cli;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.support.RunningBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code send} with the examples of docs/examples, and the examples themselves. */
class SendCommandTest {
    private static final Path EXAMPLES = Path.of("docs/examples");

    @Test
    void everyMessageTypeHasAnExampleThatReadsAsThatType() throws Exception {
        try (RunningBus bus = RunningBus.start()) {
            ObjectMapper yaml = bus.bean("mappers", Mappers.class).forFormat(WireFormat.YAML);
            for (MessageType type : MessageType.values()) {
                String name = type == MessageType.FREEPLAY ? "freeplay.grant" : type.wireName();
                Path example = EXAMPLES.resolve(name + ".yaml");
                assertThat(example).as("example of %s", type).exists();
                assertThat(yaml.readValue(example.toFile(), type.javaType())).as(name).isNotNull();
            }
            // and each free-play action
            for (String action : List.of("grant", "consume", "expire")) {
                FreePlayCommand command = yaml.readValue(EXAMPLES.resolve("freeplay." + action + ".yaml").toFile(), FreePlayCommand.class);
                assertThat(command.action().name()).isEqualToIgnoringCase(action);
            }
        }
    }

    @Test
    void sendPostsEachApiExampleAndPrintsTheAnswer() throws Exception {
        try (RunningBus bus = RunningBus.start(); Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> examples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            int sent = 0;
            for (Path example : examples) {
                Cli send = Cli.run("send", "--file", example.toString(), "--url", bus.uri("/").toString());
                int code = send.exitCode();
                String printed = send.out();
                boolean internal = printed.startsWith("the API does not take");
                if (!internal) {
                    assertThat(printed).as(example.toString()).startsWith("202 ").contains("\"accepted\"");
                    assertThat(code).isZero();
                    sent++;
                } else {
                    assertThat(code).isEqualTo(1);
                }
            }
            assertThat(sent).isEqualTo(7);
        }
    }

    @Test
    void theTypeComesFromTheMessagesFields() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(SendCommand.typeOf(yaml.readTree("wagerId: W-1\noutcome: WIN"))).isEqualTo("wager.settled");
        assertThat(SendCommand.typeOf(yaml.readTree("- collectionId: K-1\n  amount: 5"))).isEqualTo("collection.received");
        assertThat(SendCommand.typeOf(yaml.readTree("action: GRANT"))).isEqualTo("freeplay");
        assertThat(SendCommand.typeOf(yaml.readTree("period: 2026-W48"))).isEqualTo("distribution.run");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SendCommand.typeOf(yaml.readTree("hello: world")))
                .hasMessageContaining("pass --type");
    }
}
