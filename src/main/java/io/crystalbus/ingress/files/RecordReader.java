package io.crystalbus.ingress.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of one dropped file, read one at a time as Camel's streaming split asks for them, so a file of
 * any size needs the heap of one record. A record that cannot be read becomes a {@link FileRecord} with its
 * error and reading goes on; an error that leaves the rest of the file unreadable (broken syntax of a JSON or
 * YAML list, invalid UTF-8, a corrupt compressed stream) ends the file and is marked on its {@link FileReport}.
 */
abstract class RecordReader implements Iterator<FileRecord>, Closeable {
    private final Closeable source;
    private final FileReport report;
    private FileRecord next;
    private boolean done;

    RecordReader(Closeable source, FileReport report) {
        this.source = source;
        this.report = report;
    }

    /** The next record, or null at the end of the file. */
    protected abstract FileRecord read() throws IOException;

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = read();
            } catch (IOException | RuntimeException e) {
                report.unreadable(CollectionFiles.reasonOf(e, String.valueOf(report.getFormat()).toUpperCase(java.util.Locale.ROOT)));
                next = null;
            }
            done = next == null;
            if (done) {
                close();
            }
        }
        return next != null;
    }

    @Override
    public FileRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FileRecord record = next;
        next = null;
        return record;
    }

    @Override
    public void close() {
        done = true;
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
