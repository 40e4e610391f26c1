package io.crystalbus.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.codec.Mappers;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.trace.FieldMask;
import io.crystalbus.support.TestSettings;
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
    private final ObjectMapper json = new Mappers(TestSettings.codecLimits()).json();

    private DeadLetters open(Path dir, long segmentBytes, int segments) {
        return open(dir, segmentBytes, segments, 1_000);
    }

    /** Failed letters in {@code dir}, refused ones in {@code dir/refused} with the same retention and {@code refusedCapacity} listed. */
    private DeadLetters open(Path dir, long segmentBytes, int segments, int refusedCapacity) {
        return new DeadLetters(new DeadLetters.Shelf(1_000, new DeadLetterJournal(dir, segmentBytes, segments, json)),
                new DeadLetters.Shelf(refusedCapacity, new DeadLetterJournal(dir.resolve("refused"), segmentBytes, segments, json)),
                new BusMetrics(new SimpleMeterRegistry()), json, new FieldMask(java.util.Set.of("customerId", "agentId")));
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
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(3).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(4_096));
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
            segment = files.filter(Files::isRegularFile).findFirst().orElseThrow();
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

    @Test
    void noVolumeOfRefusedInputPushesOutOrDeletesAFailedLetter(@TempDir Path dir) throws Exception {
        DeadLetters letters = open(dir, 64 * 1024, 3, 100);
        DeadLetter failed = letters.rejectItem("balance", "adj-1", "balance.adjust", rejected(), Map.of("customerId", "C-1", "amount", 250));
        for (int i = 0; i < 20_000; i++) {
            letters.reject("ingress:api-wagers-settled", null, "invalid", "not JSON", "junk " + i);
        }
        assertThat(letters.find(failed.id())).isPresent();
        assertThat(letters.message(failed.id())).isPresent();
        assertThat(letters.newest(10, DeadLetters.Kind.FAILED)).extracting(DeadLetter::id).containsExactly(failed.id());
        assertThat(letters.newest(1_000, DeadLetters.Kind.REFUSED)).hasSize(100);
        assertThat(letters.total(DeadLetters.Kind.REFUSED)).isEqualTo(20_000);
        try (Stream<Path> refused = Files.list(dir.resolve("refused"))) {
            assertThat(refused.toList()).as("the refused shelf's own retention").hasSize(3);
        }
        // and after a restart
        DeadLetters after = open(dir, 64 * 1024, 3, 100);
        assertThat(after.message(failed.id())).isPresent();
        assertThat(after.newest(10, DeadLetters.Kind.FAILED)).extracting(DeadLetter::id).containsExactly(failed.id());
    }

    @Test
    void aLettersBodyIsShownWithTheMaskedFieldsHidden(@TempDir Path dir) {
        DeadLetters letters = open(dir, 1 << 20, 4);
        DeadLetter parsed = letters.rejectItem("balance", "adj-1", "balance.adjust", rejected(), Map.of("customerId", "C-secret", "amount", 250));
        DeadLetter raw = letters.reject("ingress", null, "invalid", "x", "{\"customerId\": \"C-secret\", \"agentId\":\"A-secret\", \"amount\": 5}");
        DeadLetter torn = letters.reject("ingress", null, "invalid", "x", "customerId: C-secret\namount: [".getBytes(StandardCharsets.UTF_8));
        for (DeadLetter letter : new DeadLetter[] {parsed, raw, torn}) {
            assertThat(letter.body()).doesNotContain("C-secret").doesNotContain("A-secret").contains("***");
        }
        assertThat(raw.body()).contains("\"amount\": 5");
        // the message kept for replay is whole
        assertThat(new String(letters.message(parsed.id()).orElseThrow().payload(), StandardCharsets.UTF_8)).contains("C-secret");
    }

    @Test
    void journalFilesAreTheBussOwnUsersOnly(@TempDir Path dir) throws Exception {
        DeadLetters letters = open(dir, 1 << 20, 4);
        letters.rejectItem("balance", "adj-1", "balance.adjust", rejected(), Map.of("customerId", "C-1"));
        letters.reject("ingress", null, "invalid", "x", "junk");
        try (Stream<Path> files = Stream.concat(Files.list(dir).filter(Files::isRegularFile), Files.list(dir.resolve("refused")))) {
            assertThat(files.toList()).hasSize(2).allSatisfy(file -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("refused")))).isEqualTo("rwx------");
    }
}
