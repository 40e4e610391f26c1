package io.crystalbus.support;

import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.util.FileUtil;

/**
 * Temporary files and directories a test run made, removed when its JVM ends: a test may still read them after its bus
 * stopped, and without this every run left its dead letters and stores in the system's temporary directory.
 */
public final class TempFiles {
    private static final Queue<Path> MADE = new ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(path -> FileUtil.removeDir(path.toFile())), "temp-files-removal"));
    }

    private TempFiles() {
    }

    /** A file, or a directory with everything in it. */
    public static void removeAtExit(Path path) {
        MADE.add(path);
    }
}
