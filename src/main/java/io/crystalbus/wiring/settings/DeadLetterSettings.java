package io.crystalbus.wiring.settings;

import io.crystalbus.config.BusSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dead-letter channel's two shelves: failed messages ({@code crystal.dead-letters.*}, replayable) and refused
 * input ({@code crystal.dead-letters.refused.*}), each listed up to its capacity and journalled under
 * {@code crystal.dead-letters.dir} (none when that is empty: memory only).
 */
public record DeadLetterSettings(Shelf failed, Shelf refused) {

    /** One shelf: how many it lists, and its journal's directory and retention. */
    public record Shelf(int capacity, Optional<Path> directory, long segmentBytes, int maxSegments) {
    }

    public static DeadLetterSettings from(BusSettings settings) {
        Optional<Path> directory = settings.string("crystal.dead-letters.dir").map(Path::of);
        return new DeadLetterSettings(shelf(settings, "crystal.dead-letters", directory),
                shelf(settings, "crystal.dead-letters.refused", directory.map(dir -> dir.resolve("refused"))));
    }

    private static Shelf shelf(BusSettings settings, String prefix, Optional<Path> directory) {
        return new Shelf(settings.integer(prefix + ".capacity"), directory, settings.longValue(prefix + ".segment-bytes"),
                settings.integer(prefix + ".max-segments"));
    }
}
