package io.crystalbus.domain.balance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.RejectedMessageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable ledger ({@code crystal.ledger=jdbc}): accounts and the ids of the messages applied, in a database
 * (H2 embedded by default, PostgreSQL for a shared one). A batch is one transaction: the accounts it touches are
 * locked in customer order (no deadlock between batches), the ids already applied are skipped, the rest are
 * recorded with the new balances, and all of it commits together; a message redelivered after a crash finds its
 * id and changes nothing. Transactions that collide (two first adjustments of one new customer, one id applied by
 * two nodes at once) are retried. The schema is versioned SQL under {@code db/ledger}, applied by Flyway at start.
 */
public final class JdbcLedger extends ServiceSupport implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);
    private static final int ATTEMPTS = 10;

    private final HikariDataSource dataSource;

    private JdbcLedger(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Connects, brings the schema up to date, and returns the ledger. */
    public static JdbcLedger open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(false);
        config.setPoolName("crystal-ledger");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            var result = Flyway.configure().dataSource(dataSource).locations("classpath:db/ledger").load().migrate();
            LOG.info("Ledger database {} at schema version {} ({} migrations applied now)", safeUrl(url),
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion, result.migrationsExecuted);
            return new JdbcLedger(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    @Override
    public Optional<BalanceChanged> apply(String messageId, BalanceAdjust adjustment) {
        BatchResult result = applyAll(List.of(new Entry(messageId, adjustment)));
        if (!result.rejected().isEmpty()) {
            throw result.rejected().get(0).error();
        }
        return result.changes().get(0);
    }

    @Override
    public BatchResult applyAll(List<Entry> entries) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    BatchResult result = applyInTransaction(connection, entries);
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    connection.rollback();
                    if (!isCollision(e)) {
                        throw e;
                    }
                    last = e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("ledger database: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("ledger transaction collided " + ATTEMPTS + " times: " + last.getMessage(), last);
    }

    private BatchResult applyInTransaction(Connection connection, List<Entry> entries) throws SQLException {
        Map<String, AccountBalance> accounts = lockAccounts(connection, entries);
        Set<String> known = new HashSet<>(accounts.keySet());
        Set<String> applied = appliedBefore(connection, entries);
        List<Optional<BalanceChanged>> changes = new ArrayList<>(entries.size());
        List<Rejection> rejected = new ArrayList<>();
        List<Entry> recorded = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            BalanceAdjust adjustment = entry.adjustment();
            if (!applied.add(entry.messageId())) {
                changes.add(Optional.empty());
                continue;
            }
            try {
                AccountBalance after = AccountBalance.after(accounts.get(adjustment.customerId()), adjustment);
                accounts.put(adjustment.customerId(), after);
                recorded.add(entry);
                changes.add(Optional.of(new BalanceChanged(adjustment.customerId(), adjustment.currency(), adjustment.amount(),
                        after.balance(), adjustment.reason(), adjustment.reference())));
            } catch (RejectedMessageException e) {
                applied.remove(entry.messageId());
                changes.add(Optional.empty());
                rejected.add(new Rejection(i, e));
            }
        }
        record(connection, recorded);
        write(connection, accounts, known, recorded);
        return new BatchResult(changes, rejected);
    }

    /** The batch's accounts that exist, locked in customer order. */
    private static Map<String, AccountBalance> lockAccounts(Connection connection, List<Entry> entries) throws SQLException {
        Set<String> customers = new TreeSet<>();
        entries.forEach(entry -> customers.add(entry.adjustment().customerId()));
        Map<String, AccountBalance> accounts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT currency, balance FROM account WHERE customer_id = ? FOR UPDATE")) {
            for (String customer : customers) {
                select.setString(1, customer);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        accounts.put(customer, new AccountBalance(customer, row.getString(1), row.getLong(2)));
                    }
                }
            }
        }
        return accounts;
    }

    private static Set<String> appliedBefore(Connection connection, List<Entry> entries) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM applied_message WHERE message_id = ?")) {
            for (Entry entry : entries) {
                select.setString(1, entry.messageId());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        applied.add(entry.messageId());
                    }
                }
            }
        }
        return applied;
    }

    private static void record(Connection connection, List<Entry> recorded) throws SQLException {
        if (recorded.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO applied_message (message_id, customer_id, applied_at) VALUES (?, ?, ?)")) {
            for (Entry entry : recorded) {
                insert.setString(1, entry.messageId());
                insert.setString(2, entry.adjustment().customerId());
                insert.setTimestamp(3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void write(Connection connection, Map<String, AccountBalance> accounts, Set<String> known, List<Entry> recorded)
            throws SQLException {
        Set<String> changed = new TreeSet<>();
        recorded.forEach(entry -> changed.add(entry.adjustment().customerId()));
        try (PreparedStatement update = connection.prepareStatement("UPDATE account SET balance = ? WHERE customer_id = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO account (customer_id, currency, balance) VALUES (?, ?, ?)")) {
            for (String customer : changed) {
                AccountBalance account = accounts.get(customer);
                if (known.contains(customer)) {
                    update.setLong(1, account.balance());
                    update.setString(2, customer);
                    update.executeUpdate();
                } else {
                    insert.setString(1, customer);
                    insert.setString(2, account.currency());
                    insert.setLong(3, account.balance());
                    insert.executeUpdate();
                }
            }
        }
    }

    /**
     * A collision with another transaction, cured by trying again: a unique key taken meanwhile (23505), a
     * deadlock or serialization failure (40001, 40P01), a lock wait that timed out (H2: HYT00).
     */
    private static boolean isCollision(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("23505", "40001", "40P01", "HYT00").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<AccountBalance> balance(String customerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT currency, balance FROM account WHERE customer_id = ?")) {
            select.setString(1, customerId);
            try (ResultSet row = select.executeQuery()) {
                Optional<AccountBalance> found = row.next() ? Optional.of(new AccountBalance(customerId, row.getString(1), row.getLong(2))) : Optional.empty();
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger database: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() {
        dataSource.close();
    }

    private static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }
}
