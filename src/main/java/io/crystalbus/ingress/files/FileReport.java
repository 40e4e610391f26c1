package io.crystalbus.ingress.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What became of one dropped file, written next to the others in {@code crystal.outbox.collection-reports}.
 * The first {@link #MAX_LISTED} rejections are listed with their line; all are counted.
 */
public final class FileReport {
    static final int MAX_LISTED = 1000;

    public record Rejection(long line, String reason) {
    }

    private final String file;
    private final String format;
    private final String compression;
    private final Instant startedAt = Instant.now();
    private Instant finishedAt;
    private long accepted;
    private long rejected;
    private final List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
    private volatile String error;

    FileReport(String file, String format, String compression) {
        this.file = file;
        this.format = format;
        this.compression = compression;
    }

    synchronized void accepted() {
        accepted++;
    }

    synchronized void rejected(long line, String reason) {
        rejected++;
        if (rejections.size() < MAX_LISTED) {
            rejections.add(new Rejection(line, reason));
        }
    }

    /** The file could not be read to its end (records before the error were taken). */
    void unreadable(String reason) {
        error = reason;
    }

    void finish() {
        finishedAt = Instant.now();
    }

    public String getFile() {
        return file;
    }

    public String getFormat() {
        return format;
    }

    public String getCompression() {
        return compression;
    }

    /** True when every line was read (each record then either accepted or rejected). */
    public boolean isComplete() {
        return error == null;
    }

    public String getError() {
        return error;
    }

    public synchronized long getAccepted() {
        return accepted;
    }

    public synchronized long getRejected() {
        return rejected;
    }

    public List<Rejection> getRejections() {
        synchronized (rejections) {
            return List.copyOf(rejections);
        }
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
