package io.crystalbus.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.MessageReader;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.DistributionRunRequest;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.Inbound;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.Violations;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.TestSettings;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Coverage-guided fuzzing of the decoders of untrusted input: the API's JSON and YAML bodies with the
 * validation of every message type, and the compressed batch frames. Whatever the bytes, a decoder returns
 * messages (whose validation lists violations) or throws the clear rejection, {@link InvalidMessageException};
 * anything else (another exception, an error, a hang) is a finding. {@code mvn verify} replays the committed
 * inputs under {@code src/test/resources/io/crystalbus/fuzz/DecoderFuzzTestInputs/}; {@code mvn -Pfuzz verify}
 * fuzzes (see docs/reliability.md).
 */
class DecoderFuzzTest {
    private static final List<Class<? extends Inbound>> API_TYPES =
            List.of(WagerSettled.class, CollectionReceived.class, FreePlayCommand.class, DistributionRunRequest.class);
    private static final Mappers MAPPERS = new Mappers(TestSettings.codecLimits());
    private static final MessageReader READER = new MessageReader(MAPPERS);
    private static final FrameReader FRAMES = new FrameReader(MAPPERS, 1 << 20);

    @FuzzTest(maxDuration = "2m")
    void jsonBodies(byte[] body) {
        decodeAndValidate(body, WireFormat.JSON);
    }

    @FuzzTest(maxDuration = "2m")
    void yamlBodies(byte[] body) {
        decodeAndValidate(body, WireFormat.YAML);
    }

    @FuzzTest(maxDuration = "2m")
    void batchFrames(FuzzedDataProvider data) {
        WireFormat format = data.pickValue(WireFormat.values());
        Compression compression = data.pickValue(Compression.values());
        byte[] frame = data.consumeRemainingAsBytes();
        try {
            List<BatchItem<WagerSettled>> items = FRAMES.readAll(new ByteArrayInputStream(frame), format, compression, FRAMES.itemType(WagerSettled.class));
            for (BatchItem<WagerSettled> item : items) {
                if (item != null && item.message() != null) {
                    item.message().validate(new Violations());
                }
            }
        } catch (InvalidMessageException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    private static void decodeAndValidate(byte[] body, WireFormat format) {
        for (Class<? extends Inbound> type : API_TYPES) {
            try {
                for (Inbound message : READER.readItems(body, format, type)) {
                    message.validateRequest(new Violations());
                }
            } catch (InvalidMessageException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        }
    }
}
