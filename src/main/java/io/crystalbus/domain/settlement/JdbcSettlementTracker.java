package io.crystalbus.domain.settlement;

import io.crystalbus.store.JdbcStore;
import io.crystalbus.store.KeyLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settlement statuses in the durable store (table {@code settlement_status}), kept until deleted by the
 * operator: a batch's reports are merged with the stored rows, locked in wager order, in one transaction.
 */
public final class JdbcSettlementTracker implements SettlementTracker {
    private static final String COLUMNS = "wager_id, customer_id, state, accepted_at_micros, completed_at_micros, balance_delta, reason";
    private final JdbcStore store;

    public JdbcSettlementTracker(JdbcStore store) {
        this.store = store;
    }

    @Override
    public void reportAll(List<SettlementStatus> reports) {
        if (reports.isEmpty()) {
            return;
        }
        // the last report per wager wins the merge order within the batch, as in memory
        Map<String, List<SettlementStatus>> byWager = new TreeMap<>();
        reports.forEach(report -> byWager.computeIfAbsent(report.wagerId(), w -> new java.util.ArrayList<>()).add(report));
        store.inTransaction(connection -> {
            Map<String, SettlementStatus> stored = lock(connection, byWager.keySet());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement_status (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement("UPDATE settlement_status SET customer_id = ?, state = ?, "
                         + "accepted_at_micros = ?, completed_at_micros = ?, balance_delta = ?, reason = ? WHERE wager_id = ?")) {
                for (Map.Entry<String, List<SettlementStatus>> wager : byWager.entrySet()) {
                    SettlementStatus before = stored.get(wager.getKey());
                    SettlementStatus after = before;
                    for (SettlementStatus report : wager.getValue()) {
                        after = SettlementStatus.merge(after, report);
                    }
                    if (before == null) {
                        bind(insert, after, 1);
                        insert.setString(1, after.wagerId());
                        insert.addBatch();
                    } else if (!after.equals(before)) {
                        bind(update, after, 0);
                        update.setString(7, after.wagerId());
                        update.addBatch();
                    }
                }
                insert.executeBatch();
                update.executeBatch();
            }
            return null;
        });
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

    private static Map<String, SettlementStatus> lock(Connection connection, java.util.Collection<String> wagers) throws SQLException {
        Map<String, SettlementStatus> found = new LinkedHashMap<>();
        KeyLookup.select(connection, "SELECT " + COLUMNS + " FROM settlement_status WHERE wager_id IN (%s) FOR UPDATE", List.of(), wagers,
                row -> found.put(row.getString(1), read(row)));
        return found;
    }

    private static SettlementStatus read(ResultSet row) throws SQLException {
        return new SettlementStatus(row.getString(1), row.getString(2), SettlementStatus.State.valueOf(row.getString(3)),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getString(7));
    }

    @Override
    public Optional<SettlementStatus> status(String wagerId) {
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
