package io.crystalbus.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters on disk: kept over a restart with their messages and replays, bounded by the retention. */
class DeadLetterJournalTest {
    private final ObjectMapper json = new Mappers(CodecLimits.defaults()).json();

    private DeadLetters open(Path dir, long segmentBytes, int segments) {
        return new DeadLetters(1_000, new BusMetrics(new SimpleMeterRegistry()), new DeadLetterJournal(dir, segmentBytes, segments, json), json);
    }

    private static RejectedMessageException rejected() {
        return new RejectedMessageException("currency-mismatch", "balance of C-1 is in EUR, the adjustment in USD");
    }

    @Test
    void lettersTheirMessagesAndReplaysOutliveARestart(@TempDir Path dir) {
        DeadLetters before = open(dir, 1 << 20, 4);
        DeadLetter first = before.rejectItem("balance", "adj-1", "balance.adjust", rejected(), Map.of("customerId", "C-1", "amount", 250));
        DeadLetter second = before.rejectItem("balance", "adj-2", "balance.adjust", rejected(), Map.of("customerId", "C-2", "amount", 300));
        DeadLetter door = before.reject("ingress:api-wagers-settled", null, "invalid", "amount: must be positive", "{\"amount\":-1}");
        before.markReplayed(first.id(), Instant.parse("2026-11-27T10:00:00Z"));

        DeadLetters after = open(dir, 1 << 20, 4);
        assertThat(after.total()).isEqualTo(3);
        assertThat(after.countsByReason()).containsEntry("currency-mismatch", 2L).containsEntry("invalid", 1L);
        assertThat(after.find(first.id()).orElseThrow().replayedAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(after.find(second.id()).orElseThrow().replayedAt()).isNull();
        assertThat(after.find(second.id()).orElseThrow().replayable()).isTrue();
        assertThat(after.find(door.id()).orElseThrow().replayable()).isFalse();
        StoredMessage message = after.message(second.id()).orElseThrow();
        assertThat(message.headers()).containsEntry("CrystalMessageId", "adj-2").containsEntry("CrystalType", "balance.adjust")
                .containsEntry("Content-Type", "application/json");
        assertThat(new String(message.payload(), StandardCharsets.UTF_8)).contains("\"customerId\":\"C-2\"").contains("300");
        assertThat(after.message(door.id())).isEmpty();
        // ids go on after the restart
        assertThat(after.reject("ingress", null, "invalid", "x", null).id()).isEqualTo(door.id() + 1);
    }

    @Test
    void theOldestSegmentsAreDeletedBeyondTheRetention(@TempDir Path dir) throws Exception {
        DeadLetters letters = open(dir, 4_096, 3);
        DeadLetter oldest = letters.rejectItem("balance", "adj-0", "balance.adjust", rejected(), Map.of("customerId", "C-0"));
        for (int i = 1; i < 200; i++) {
            letters.rejectItem("balance", "adj-" + i, "balance.adjust", rejected(), Map.of("customerId", "C-" + i));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(3).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(4_096));
        }
        assertThat(letters.message(oldest.id())).isEmpty();
        assertThat(letters.message(oldest.id() + 199)).isPresent();
        assertThat(new DeadLetterReplayer(letters, new org.apache.camel.impl.DefaultCamelContext()).replay(oldest.id()).status()).isEqualTo(410);
    }

    @Test
    void aTornLastLineIsSkippedAndTheRestIsRead(@TempDir Path dir) throws Exception {
        DeadLetters letters = open(dir, 1 << 20, 4);
        letters.rejectItem("balance", "adj-1", "balance.adjust", rejected(), Map.of("customerId", "C-1"));
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"letter\":{\"id\":2,\"at\":\"2026-11-", java.nio.file.StandardOpenOption.APPEND);

        DeadLetters after = open(dir, 1 << 20, 4);
        assertThat(after.total()).isEqualTo(1);
        assertThat(after.message(1)).isPresent();
        DeadLetter next = after.rejectItem("balance", "adj-2", "balance.adjust", rejected(), Map.of("customerId", "C-2"));

        DeadLetters again = open(dir, 1 << 20, 4);
        assertThat(again.total()).isEqualTo(2);
        assertThat(again.message(next.id())).isPresent();
    }
}
