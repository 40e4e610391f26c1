package io.crystalbus.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.SQLiteException;

/**
 * What differs between the databases the store runs on: SQLite, the embedded default, and the databases that lock
 * rows with {@code SELECT ... FOR UPDATE} (PostgreSQL, the one for several nodes).
 * <p>
 * SQLite takes one writer at a time and has no lock clause. The store gives it one connection per process, so no
 * other transaction of the process runs meanwhile; a transaction of another process that wrote over what this one
 * read makes this one's first write fail ({@code SQLITE_BUSY_SNAPSHOT}), and it runs again. A read inside a
 * transaction is therefore as good as a locked one. (Not {@code IMMEDIATE} transactions: the driver begins the
 * next transaction as soon as one commits, so an idle connection would hold the write lock.) Its write-ahead log
 * hands each commit to the operating system before the commit returns, so a killed process loses nothing
 * committed; with {@code synchronous=FULL} the log is also synced to disk at each commit, so a power loss loses
 * nothing either.
 */
public enum Dialect {
    SQLITE("", 1),
    LOCKING_ROWS(" FOR UPDATE", Integer.MAX_VALUE);

    /** SQL states of a transaction that collided with another one (a key taken meanwhile, a deadlock, a lock timeout). */
    private static final Set<String> COLLISIONS = Set.of("23505", "40001", "40P01", "HYT00");
    private static final Set<SQLiteErrorCode> SQLITE_UNIQUE = Set.of(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY,
            SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    private static final Map<String, String> SQLITE_DEFAULTS = Map.of("journal_mode", "WAL", "synchronous", "FULL",
            "busy_timeout", "30000");

    private final String rowLock;
    private final int maxConnections;

    Dialect(String rowLock, int maxConnections) {
        this.rowLock = rowLock;
        this.maxConnections = maxConnections;
    }

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:") ? SQLITE : LOCKING_ROWS;
    }

    /** A select that reads rows the transaction is about to change, locked until it ends. */
    public String lockingRead(String select) {
        return select + rowLock;
    }

    int connections(int configured) {
        return Math.min(configured, maxConnections);
    }

    /**
     * The driver settings this store needs, but for those the URL sets itself ({@code ?synchronous=NORMAL}: the
     * driver would let these win over the URL's): SQLite in write-ahead-log mode, a wait for another process's
     * write lock, and each commit synced to disk.
     */
    Properties driverSettings(String url) {
        Properties settings = new Properties();
        if (this == SQLITE) {
            String query = url.contains("?") ? url.substring(url.indexOf('?')) : "";
            SQLITE_DEFAULTS.forEach((key, value) -> {
                if (!query.matches("(?i).*[?&]" + key + "=.*")) {
                    settings.setProperty(key, value);
                }
            });
        }
        return settings;
    }

    /** Readies what the database needs before the first connection. */
    void prepare(String url) {
        if (this == SQLITE) {
            createDirectoryOf(url);
            loadSqliteOutsideTheCallersClassLoader();
        }
    }

    /** SQLite creates its file but not the directory it is in. */
    private static void createDirectoryOf(String url) {
        String file = url.substring("jdbc:sqlite:".length()).replaceFirst("[?].*", "").replaceFirst("^file:", "");
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's directory " + parent, e);
        }
    }

    /**
     * Loads SQLite's native library with no context class loader: the driver starts a process to learn the
     * platform, and the JVM's "process reaper" thread inherits the caller's context class loader and keeps it
     * for a minute after (in Karaf, the bundle's, past its stop: found by KarafIT). The driver finds its library
     * through its own class loader.
     */
    private static void loadSqliteOutsideTheCallersClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load SQLite's native library: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    /** A unique key taken: by another transaction meanwhile, or by a row written before (a redelivery). */
    public static boolean isUniqueViolation(SQLException e) {
        return anyCause(e, sql -> "23505".equals(sql.getSQLState())
                || sql instanceof SQLiteException sqlite && SQLITE_UNIQUE.contains(sqlite.getResultCode()));
    }

    /** A transaction that collided with another one and may succeed when run again. */
    static boolean isCollision(SQLException e) {
        return anyCause(e, sql -> sql.getSQLState() != null && COLLISIONS.contains(sql.getSQLState())
                || sql instanceof SQLiteException sqlite && (SQLITE_UNIQUE.contains(sqlite.getResultCode()) || isBusy(sqlite)));
    }

    private static boolean isBusy(SQLiteException e) {
        // the primary result code (the low byte) covers every kind of SQLITE_BUSY and SQLITE_LOCKED
        int primary = e.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    private static boolean anyCause(SQLException e, Predicate<SQLException> test) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            for (Throwable cause = next; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && test.test(sql)) {
                    return true;
                }
            }
        }
        return false;
    }
}
