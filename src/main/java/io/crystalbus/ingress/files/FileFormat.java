package io.crystalbus.ingress.files;

import io.crystalbus.batch.Compression;
import java.util.Locale;

/** The record formats a dropped file may have, named by its extension (before any compression suffix). */
public enum FileFormat {
    /** A JSON list of records. */
    JSON(".json"),
    /** A YAML sequence of records, or one record per YAML document. */
    YAML(".yaml", ".yml"),
    /** One JSON record per line. */
    NDJSON(".ndjson", ".jsonl"),
    /** A header line naming the fields, then one record per line. */
    CSV(".csv");

    private final String[] extensions;

    FileFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** The format of a file name such as {@code deposits.ndjson.gz}, or null when it names none. */
    public static FileFormat of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        Compression compression = Compression.ofFileName(name);
        String inner = name.substring(0, name.length() - compression.fileSuffix().length());
        for (FileFormat format : values()) {
            for (String extension : format.extensions) {
                if (inner.endsWith(extension)) {
                    return format;
                }
            }
        }
        return null;
    }
}
