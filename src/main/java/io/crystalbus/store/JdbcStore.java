package io.crystalbus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store's database ({@code crystal.store=jdbc}): SQLite embedded by default, PostgreSQL for several
 * nodes ({@link Dialect} says what differs).
 * Every domain's state lives here (cash accounts, free-play credits, accruals, settlement statuses, payout runs)
 * beside the ids of the messages applied ({@link AppliedIds}), and each domain commits a change together with
 * the id of the message that made it. Transactions that collide with another (a key taken meanwhile, a
 * deadlock, a lock wait that timed out) are retried. The schema is versioned SQL under {@code db/store}, applied
 * by Flyway at start. The applied ids older than the retention are deleted every {@code purgeEvery}.
 */
public final class JdbcStore extends ServiceSupport implements Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    private static final int ATTEMPTS = 10;

    /** Work inside one transaction; it may run again when the transaction collides with another. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    // the transaction this thread runs now ({@link #inOne}), which every store's own transaction joins
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final AppliedIds appliedIds;
    private final Duration purgeEvery;
    private ScheduledExecutorService purger;

    private JdbcStore(HikariDataSource dataSource, Dialect dialect, AppliedIds appliedIds, Duration purgeEvery) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.appliedIds = appliedIds;
        this.purgeEvery = purgeEvery;
    }

    /** Connects and brings the schema up to date; {@link #start()} then begins the applied ids' purge. */
    public static JdbcStore open(String url, String user, String password, int poolSize, Duration retention, Duration purgeEvery, Clock clock) {
        Dialect dialect = Dialect.of(url);
        dialect.prepare(url);
        // Flyway on connections of its own, before the pool opens: it may hold one for its lock while it migrates on
        // another, more than a pool of one (SQLite's) has
        var result = Flyway.configure(JdbcStore.class.getClassLoader()).dataSource(url, user, password)
                .locations("classpath:db/store").load().migrate();
        LOG.info("Store database {} at schema version {} ({} migrations applied now)", safeUrl(url),
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion, result.migrationsExecuted);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setDataSourceProperties(dialect.driverSettings(url));
        config.setMaximumPoolSize(dialect.connections(poolSize));
        config.setAutoCommit(false);
        config.setPoolName("crystal-store");
        return new JdbcStore(new HikariDataSource(config), dialect, new AppliedIds(retention, clock), purgeEvery);
    }

    /** A select that reads rows the transaction is about to change, locked until it ends (where the database locks rows). */
    public String lockingRead(String select) {
        return dialect.lockingRead(select);
    }

    public AppliedIds appliedIds() {
        return appliedIds;
    }

    /**
     * Runs the work in one transaction and commits it, retrying it when it collides with another transaction;
     * inside {@link #inOne} it joins that transaction instead (which commits, and retries, the whole unit).
     */
    public <T> T inTransaction(Work<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw new JoinedFailure(e);
            }
        }
        return inNewTransaction(connection -> {
            current.set(connection);
            try {
                return work.run(connection);
            } finally {
                current.remove();
            }
        });
    }

    /** Whether this thread is inside a transaction, whose reads may see its own writes before they commit. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    @Override
    public <T> T inOne(java.util.function.Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return inNewTransaction(connection -> {
            current.set(connection);
            try {
                return work.get();
            } catch (JoinedFailure e) {
                throw e.getCause();
            } finally {
                current.remove();
            }
        });
    }

    /** A joined store's SQL failure, carried out of a {@link java.util.function.Supplier} to the unit's retry. */
    private static final class JoinedFailure extends RuntimeException {
        JoinedFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private <T> T inNewTransaction(Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    if (!(e instanceof SQLException sql) || !isCollision(sql)) {
                        throw e;
                    }
                    last = sql;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("store database: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("store transaction collided " + ATTEMPTS + " times: " + last.getMessage(), last);
    }

    /** Deletes the applied ids past their retention; returns how many. */
    public int purgeAppliedIds() {
        return inTransaction(appliedIds::purge);
    }

    /** A unique key taken: by another transaction meanwhile, or by a row written before (a redelivery). */
    public static boolean isUniqueViolation(SQLException e) {
        return Dialect.isUniqueViolation(e);
    }

    private static boolean isCollision(SQLException e) {
        return Dialect.isCollision(e);
    }

    @Override
    protected void doStart() {
        purger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "crystal-store-purge");
            thread.setDaemon(true);
            return thread;
        });
        purger.scheduleWithFixedDelay(this::purgeQuietly, purgeEvery.toMillis(), purgeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeQuietly() {
        try {
            int purged = purgeAppliedIds();
            LOG.debug("Purged {} applied message ids past their retention", purged);
        } catch (RuntimeException e) {
            LOG.warn("Could not purge applied message ids: {}", e.getMessage());
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        if (purger != null) {
            purger.shutdownNow();
            purger.awaitTermination(10, TimeUnit.SECONDS);
        }
        dataSource.close();
    }

    private static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }
}
