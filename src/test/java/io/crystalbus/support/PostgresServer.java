package io.crystalbus.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) in a fresh temporary data directory on a free
 * loopback port, for tests: trust authentication, superuser {@code crystal}, database {@code crystal}. As root it
 * runs as the {@code postgres} system user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "crystal";
    private static final String INSTALL_HINT = "install Debian's PostgreSQL server: apt-get install postgresql";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "postgres-server-stop");
    private boolean stopped;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Whether the server binaries are installed ({@code CRYSTAL_PG_BIN} or {@code /usr/lib/postgresql/<version>/bin}). */
    public static boolean available() {
        return binaries().isPresent();
    }

    /** In CI (env {@code CI} set) always {@link #start()}, so a missing server fails; elsewhere skips the test without one. */
    public static PostgresServer startOrSkip() {
        String ci = System.getenv("CI");
        if ((ci == null || ci.isEmpty()) && !available()) {
            throw new TestAbortedException("no PostgreSQL server binaries: " + INSTALL_HINT);
        }
        return start();
    }

    public static PostgresServer start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl, postgres) in "
                + "$CRYSTAL_PG_BIN or /usr/lib/postgresql/*/bin: " + INSTALL_HINT));
        boolean asPostgres = isRoot();
        Path dir = null;
        PostgresServer server = null;
        try {
            // under /tmp: world-traversable for the postgres user, and short, as the Unix socket path is limited to ~107 bytes
            Path tmp = Path.of("/tmp");
            dir = Files.isDirectory(tmp) && Files.isWritable(tmp) ? Files.createTempDirectory(tmp, "crystal-pg") : Files.createTempDirectory("crystal-pg");
            if (asPostgres) {
                run(dir, "chown", "-R", "postgres:postgres", dir.toString());
            }
            server = new PostgresServer(bin, dir, LoopbackPorts.free(), asPostgres);
            server.pg("initdb", "-D", dir.toString(), "-A", "trust", "-U", USER, "--encoding=UTF8", "--no-locale");
            Runtime.getRuntime().addShutdownHook(server.shutdownHook); // stops the server if a test forgot to
            try {
                // pg_ctl's own wait ends before our 60 s, so that its message is the one reported
                server.pg("pg_ctl", "-w", "-t", "50", "-D", dir.toString(), "-l", server.log().toString(),
                        "-o", "-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=100", "start");
            } catch (IllegalStateException e) {
                throw new IllegalStateException("PostgreSQL did not start (if it is not installed: " + INSTALL_HINT + "): "
                        + e.getMessage() + "\nserver.log ends:\n" + server.logTail(), e);
            }
            server.execute("postgres", "CREATE DATABASE " + USER);
            return server;
        } catch (IOException | RuntimeException e) {
            // leave no server running and no directory behind
            if (server != null) {
                server.stopQuietly();
            } else if (dir != null) {
                deleteQuietly(dir);
            }
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("PostgreSQL did not start: " + e, e);
        }
    }

    public String jdbcUrl() {
        return url(USER);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** Creates database {@code name} (lower-case letters, digits, underscores) and returns its JDBC URL. */
    public String newDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        execute("postgres", "CREATE DATABASE " + name);
        return url(name);
    }

    /** Stops the server (fast shutdown: sessions are disconnected) and deletes its data directory. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (this may be the hook itself) or the hook was never added
        }
        try {
            pg("pg_ctl", "-w", "-t", "50", "-D", dir.toString(), "-m", "fast", "stop");
        } catch (IllegalStateException e) {
            if (Files.exists(dir.resolve("postmaster.pid"))) {
                // still running: an immediate stop, so that deleting the directory does not orphan a server
                try {
                    pg("pg_ctl", "-D", dir.toString(), "-m", "immediate", "stop");
                } catch (IllegalStateException again) {
                    e.addSuppressed(again);
                }
                throw new IllegalStateException(e.getMessage() + "\nserver.log ends:\n" + logTail(), e);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(url(database), USER, password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + url(database) + " failed: " + e.getMessage(), e);
        }
    }

    private Path log() {
        return dir.resolve("server.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no server.log: " + e + ")";
        }
    }

    /** Runs one of the server's binaries, as postgres when the JVM is root. */
    private String pg(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve(tool).toString()));
        command.addAll(List.of(args));
        if (asPostgres) {
            Optional<Path> runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
                    .map(Path::of).filter(Files::isExecutable).findFirst();
            if (runuser.isPresent()) {
                command.addAll(0, List.of(runuser.get().toString(), "-u", "postgres", "--"));
            } else {
                StringBuilder line = new StringBuilder();
                for (String word : command) {
                    line.append(line.length() == 0 ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
                }
                command = List.of("su", "postgres", "-s", "/bin/sh", "-c", line.toString());
            }
        }
        // the data directory as working directory: the postgres user may not be allowed into the JVM's
        return run(dir, command.toArray(String[]::new));
    }

    /** Runs a command to its end (at most 60 s); its output, or an IllegalStateException with it when it fails. */
    private static String run(Path workingDir, String... command) {
        Path out = null;
        Process process = null;
        try {
            // output to a file, not a pipe: pg_ctl's server lives on after it and must not hold our end open
            out = Files.createTempFile("crystal-pg-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (workingDir != null) {
                builder.directory(workingDir.toFile());
            }
            process = builder.start();
            boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (!done) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (out != null) {
                deleteQuietly(out);
            }
        }
    }

    /** {@code $CRYSTAL_PG_BIN}, else the highest version under /usr/lib/postgresql that has all three binaries. */
    private static Optional<Path> binaries() {
        String override = System.getenv("CRYSTAL_PG_BIN");
        if (override != null && !override.isEmpty()) {
            return Optional.of(Path.of(override)).filter(PostgresServer::complete);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            // only complete versions: a newer postgresql-client alone brings a bin directory without initdb
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)*") && complete(v.resolve("bin")))
                    .max(Comparator.comparing(v -> version(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean complete(Path bin) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(tool -> Files.isExecutable(bin.resolve(tool)));
    }

    /** "9.6" &lt; "15" &lt; "16": the version's numbers, compared left to right. */
    private static String version(String name) {
        StringBuilder key = new StringBuilder();
        for (String part : name.split("\\.")) {
            key.append(String.format("%010d", Long.parseLong(part)));
        }
        return key.toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || "0".equals(run(null, "id", "-u").strip());
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
