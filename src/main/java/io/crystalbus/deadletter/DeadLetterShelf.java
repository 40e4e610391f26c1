package io.crystalbus.deadletter;

import io.crystalbus.domain.FifoMap;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One kind of dead letter: the newest {@code capacity} indexed in memory, all of them in its own journal (when
 * there is one) with its own retention, and counts per reason. Kinds are kept on separate shelves so that one
 * kind cannot push the other out.
 */
final class DeadLetterShelf {
    private record Entry(DeadLetter letter, DeadLetterJournal.Location location) {
    }

    private final FifoMap<Long, Entry> letters;
    private final DeadLetterJournal journal;
    private final ConcurrentHashMap<String, LongAdder> countsByReason = new ConcurrentHashMap<>();

    DeadLetterShelf(int capacity, DeadLetterJournal journal) {
        this.letters = new FifoMap<>(capacity);
        this.journal = journal;
    }

    boolean isDurable() {
        return journal != null;
    }

    /** Reads the journal back; {@code ids} learns the highest id seen. */
    void restore(AtomicLong ids) {
        if (journal == null) {
            return;
        }
        Map<Long, Instant> replays = new HashMap<>();
        journal.readAll(new DeadLetterJournal.Reader() {
            @Override
            public void letter(DeadLetter letter, DeadLetterJournal.Location location) {
                letters.put(letter.id(), new Entry(letter, location));
                ids.accumulateAndGet(letter.id(), Math::max);
                countsByReason.computeIfAbsent(letter.reason(), r -> new LongAdder()).increment();
            }

            @Override
            public void replayed(long id, Instant at) {
                replays.put(id, at);
            }
        });
        replays.forEach((id, at) -> letters.computeIfPresent(id, (key, entry) -> new Entry(entry.letter().replayed(at), entry.location())));
    }

    /** @param message the whole message, kept for replay (journal only); null for none */
    void add(DeadLetter letter, StoredMessage message) {
        DeadLetterJournal.Location location = journal == null ? null : journal.append(letter, message);
        letters.put(letter.id(), new Entry(letter, location));
        countsByReason.computeIfAbsent(letter.reason(), r -> new LongAdder()).increment();
    }

    List<DeadLetter> newest(int limit) {
        return letters.values().stream().map(Entry::letter)
                .sorted(Comparator.comparingLong(DeadLetter::id).reversed()).limit(limit).toList();
    }

    Optional<DeadLetter> find(long id) {
        return Optional.ofNullable(letters.get(id)).map(Entry::letter);
    }

    Optional<StoredMessage> message(long id) {
        Entry entry = letters.get(id);
        return entry == null || entry.location() == null || journal == null ? Optional.empty() : journal.message(entry.location());
    }

    void markReplayed(long id, Instant at) {
        if (journal != null) {
            journal.appendReplay(id, at);
        }
        letters.computeIfPresent(id, (key, entry) -> new Entry(entry.letter().replayed(at), entry.location()));
    }

    void addCountsTo(Map<String, Long> counts) {
        countsByReason.forEach((reason, count) -> counts.merge(reason, count.sum(), Long::sum));
    }

    Map<String, Long> countsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        addCountsTo(counts);
        return counts;
    }

    long total() {
        return countsByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    int listed() {
        return letters.size();
    }
}
