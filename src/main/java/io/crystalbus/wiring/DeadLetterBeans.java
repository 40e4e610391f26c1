package io.crystalbus.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.deadletter.DeadLetterJournal;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.trace.FieldMask;
import io.crystalbus.wiring.settings.DeadLetterSettings;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.camel.Service;

/** The dead-letter channel: its two shelves and their journals on disk. */
final class DeadLetterBeans {
    final DeadLetters deadLetters;
    final List<Service> journals;

    DeadLetterBeans(DeadLetterSettings settings, BusMetrics metrics, ObjectMapper json, FieldMask mask) {
        DeadLetterJournal failed = journal(settings.failed(), json);
        DeadLetterJournal refused = journal(settings.refused(), json);
        deadLetters = new DeadLetters(new DeadLetters.Shelf(settings.failed().capacity(), failed),
                new DeadLetters.Shelf(settings.refused().capacity(), refused), metrics, json, mask);
        journals = Stream.<Service>of(failed, refused).filter(Objects::nonNull).toList();
    }

    /** A shelf's journal, or none (memory only) when it has no directory. */
    private static DeadLetterJournal journal(DeadLetterSettings.Shelf shelf, ObjectMapper json) {
        return shelf.directory().map(dir -> new DeadLetterJournal(dir, shelf.segmentBytes(), shelf.maxSegments(), json)).orElse(null);
    }

    void bindTo(BiConsumer<String, Object> registry) {
        registry.accept("deadLetters", deadLetters);
    }
}
