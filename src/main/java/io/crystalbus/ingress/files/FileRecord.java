package io.crystalbus.ingress.files;

/**
 * One record of a dropped file, read or not.
 *
 * @param line  the line the record starts on (1-based)
 * @param value the record, or null when it could not be read
 * @param error why it could not be read, or null
 */
public record FileRecord(long line, Object value, String error) {

    static FileRecord read(long line, Object value) {
        return new FileRecord(line, value, null);
    }

    static FileRecord unreadable(long line, String error) {
        return new FileRecord(line, null, error);
    }
}
