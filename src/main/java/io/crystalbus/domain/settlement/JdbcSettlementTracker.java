package io.crystalbus.domain.settlement;

import io.crystalbus.store.JdbcStore;
import io.crystalbus.store.KeyLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settlement statuses in the durable store (table {@code settlement_status}), kept until deleted by the operator:
 * the outcomes (COMPLETED, REJECTED), merged with the stored rows, locked in wager order, in one transaction (the
 * balance change's, for a completion). A settlement still SETTLING is known in this node's memory only: it is a
 * passing state, and writing it would double the writes per settlement; after a crash its wager reads "not known"
 * until its redelivered messages complete it.
 */
public final class JdbcSettlementTracker implements SettlementTracker {
    private static final String COLUMNS = "wager_id, customer_id, state, accepted_at_micros, completed_at_micros, balance_delta, reason";
    private final JdbcStore store;
    private final MemorySettlementTracker settling;

    public JdbcSettlementTracker(JdbcStore store, MemorySettlementTracker settling) {
        this.store = store;
        this.settling = settling;
    }

    @Override
    public void reportAll(List<SettlementStatus> all) {
        List<SettlementStatus> reports = new java.util.ArrayList<>(all.size());
        for (SettlementStatus report : all) {
            if (report.state() == SettlementStatus.State.SETTLING) {
                settling.report(report);
            } else {
                reports.add(report);
            }
        }
        if (reports.isEmpty()) {
            return;
        }
        // the last report per wager wins the merge order within the batch, as in memory
        Map<String, SettlementStatus> merged = new TreeMap<>();
        reports.forEach(report -> merged.merge(report.wagerId(), report, SettlementStatus::merge));
        store.inTransaction(connection -> {
            // almost always the first outcome of its wager: inserted without a read first; a wager that has a row (a
            // redelivery) fails the insert, which is undone to the savepoint and merged with the stored rows instead
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                insert(connection, merged.values());
                connection.releaseSavepoint(beforeInsert);
            } catch (SQLException e) {
                if (!JdbcStore.isUniqueViolation(e)) {
                    throw e;
                }
                connection.rollback(beforeInsert);
                mergeWithStored(connection, merged);
            }
            return null;
        });
    }

    private static void insert(Connection connection, java.util.Collection<SettlementStatus> statuses) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement_status (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (SettlementStatus status : statuses) {
                insert.setString(1, status.wagerId());
                bind(insert, status, 1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void mergeWithStored(Connection connection, Map<String, SettlementStatus> merged) throws SQLException {
        Map<String, SettlementStatus> stored = lock(connection, merged.keySet());
        List<SettlementStatus> inserts = new java.util.ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE settlement_status SET customer_id = ?, state = ?, "
                + "accepted_at_micros = ?, completed_at_micros = ?, balance_delta = ?, reason = ? WHERE wager_id = ?")) {
            for (SettlementStatus report : merged.values()) {
                SettlementStatus before = stored.get(report.wagerId());
                SettlementStatus after = SettlementStatus.merge(before, report);
                if (before == null) {
                    inserts.add(after);
                } else if (!after.equals(before)) {
                    bind(update, after, 0);
                    update.setString(7, after.wagerId());
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
        insert(connection, inserts);
    }

    /** Binds the columns after wager_id, from parameter {@code offset + 1}. */
    private static void bind(PreparedStatement statement, SettlementStatus status, int offset) throws SQLException {
        statement.setString(offset + 1, status.customerId());
        statement.setString(offset + 2, status.state().name());
        statement.setLong(offset + 3, status.acceptedAtMicros());
        statement.setLong(offset + 4, status.completedAtMicros());
        statement.setLong(offset + 5, status.balanceDelta());
        statement.setString(offset + 6, status.reason());
    }

    private Map<String, SettlementStatus> lock(Connection connection, java.util.Collection<String> wagers) throws SQLException {
        Map<String, SettlementStatus> found = new LinkedHashMap<>();
        KeyLookup.select(connection, store.lockingRead("SELECT " + COLUMNS + " FROM settlement_status WHERE wager_id IN (%s)"), List.of(), wagers,
                row -> found.put(row.getString(1), read(row)));
        return found;
    }

    private static SettlementStatus read(ResultSet row) throws SQLException {
        return new SettlementStatus(row.getString(1), row.getString(2), SettlementStatus.State.valueOf(row.getString(3)),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getString(7));
    }

    @Override
    public Optional<SettlementStatus> status(String wagerId) {
        return stored(wagerId).or(() -> settling.status(wagerId));
    }

    private Optional<SettlementStatus> stored(String wagerId) {
        return store.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM settlement_status WHERE wager_id = ?")) {
                select.setString(1, wagerId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }
}
