package io.crystalbus.domain.distributions;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.DistributionPayout;
import io.crystalbus.store.JdbcStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link AccrualBook} in the durable store (tables {@code accrual}, {@code payout_run}, {@code payout}): a batch
 * of accruals and their message ids commit in one transaction, rows locked in key order; a run's payouts, its
 * accruals' paid state and the run itself commit in another.
 */
public final class JdbcAccrualBook implements AccrualBook {
    private static final String ACCRUAL_COLUMNS = "agent_id, period, currency, accrued, accruals, paid, paid_accruals";
    private static final String RUN_SELECT = "SELECT period, state FROM payout_run WHERE run_id = ?";
    private final JdbcStore store;

    public JdbcAccrualBook(JdbcStore store) {
        this.store = store;
    }

    /** An accrual row's key, ordered so that every transaction locks rows in the same order. */
    private record Key(String agentId, String period, String currency) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return java.util.Comparator.comparing(Key::agentId).thenComparing(Key::period).thenComparing(Key::currency).compare(this, other);
        }
    }

    @Override
    public int accrueAll(List<BatchItem<CommissionAccrued>> items) {
        if (items.isEmpty()) {
            return 0;
        }
        return store.inTransaction(connection -> {
            List<String> ids = new ArrayList<>(items.size());
            items.forEach(item -> ids.add(item.messageId()));
            Set<String> applied = store.appliedIds().appliedBefore(connection, SCOPE, ids);
            Map<Key, long[]> added = new TreeMap<>();
            List<String> recorded = new ArrayList<>();
            for (BatchItem<CommissionAccrued> item : items) {
                if (!applied.add(item.messageId())) {
                    continue;
                }
                CommissionAccrued accrued = item.message();
                long[] sum = added.computeIfAbsent(new Key(accrued.agentId(), accrued.period(), accrued.currency()), k -> new long[2]);
                sum[0] = Math.addExact(sum[0], accrued.amount());
                sum[1]++;
                recorded.add(item.messageId());
            }
            store.appliedIds().record(connection, SCOPE, recorded);
            addTo(connection, added);
            return recorded.size();
        });
    }

    private void addTo(Connection connection, Map<Key, long[]> added) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(store.lockingRead("SELECT 1 FROM accrual WHERE agent_id = ? AND period = ? AND currency = ?"));
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE accrual SET accrued = accrued + ?, accruals = accruals + ? WHERE agent_id = ? AND period = ? AND currency = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO accrual (" + ACCRUAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, 0, 0)")) {
            for (Map.Entry<Key, long[]> entry : added.entrySet()) {
                Key key = entry.getKey();
                bindKey(select, key, 0);
                boolean exists;
                try (ResultSet row = select.executeQuery()) {
                    exists = row.next();
                }
                if (exists) {
                    update.setLong(1, entry.getValue()[0]);
                    update.setLong(2, entry.getValue()[1]);
                    bindKey(update, key, 2);
                    update.addBatch();
                } else {
                    bindKey(insert, key, 0);
                    insert.setLong(4, entry.getValue()[0]);
                    insert.setLong(5, entry.getValue()[1]);
                    insert.addBatch();
                }
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    private static void bindKey(PreparedStatement statement, Key key, int offset) throws SQLException {
        statement.setString(offset + 1, key.agentId());
        statement.setString(offset + 2, key.period());
        statement.setString(offset + 3, key.currency());
    }

    @Override
    public List<AgentAccrual> ofAgent(String agentId) {
        return store.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + ACCRUAL_COLUMNS + " FROM accrual WHERE agent_id = ? ORDER BY period, currency")) {
                select.setString(1, agentId);
                return accruals(select);
            }
        });
    }

    private static List<AgentAccrual> accruals(PreparedStatement select) throws SQLException {
        List<AgentAccrual> found = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                found.add(new AgentAccrual(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)));
            }
        }
        return found;
    }

    @Override
    public void runAccepted(String runId, String period) {
        store.inTransaction(connection -> {
            if (readRun(connection, runId, false) == null) {
                writeRun(connection, runId, period, PayoutRun.State.ACCEPTED, true);
            }
            return null;
        });
    }

    @Override
    public PayoutRun pay(String runId, String period) {
        return store.inTransaction(connection -> {
            PayoutRun existing = readRun(connection, runId, true);
            if (existing != null && existing.state() != PayoutRun.State.ACCEPTED) {
                return existing;
            }
            List<DistributionPayout> payouts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(store.lockingRead("SELECT " + ACCRUAL_COLUMNS
                    + " FROM accrual WHERE period = ? AND accruals > paid_accruals ORDER BY agent_id, period, currency"))) {
                select.setString(1, period);
                for (AgentAccrual accrual : accruals(select)) {
                    payouts.add(accrual.payout(runId));
                }
            }
            try (PreparedStatement paid = connection.prepareStatement(
                    "UPDATE accrual SET paid = accrued, paid_accruals = accruals WHERE period = ? AND accruals > paid_accruals");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO payout (run_id, agent_id, currency, period, amount, accruals) VALUES (?, ?, ?, ?, ?, ?)")) {
                paid.setString(1, period);
                paid.executeUpdate();
                for (DistributionPayout payout : payouts) {
                    insert.setString(1, runId);
                    insert.setString(2, payout.agentId());
                    insert.setString(3, payout.currency());
                    insert.setString(4, period);
                    insert.setLong(5, payout.amount());
                    insert.setLong(6, payout.accruals());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            writeRun(connection, runId, period, PayoutRun.State.WRITING, existing == null);
            payouts.sort(DistributionPayout.ORDER);
            return PayoutRun.of(runId, period, PayoutRun.State.WRITING, payouts);
        });
    }

    @Override
    public void completed(String runId) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE payout_run SET state = ? WHERE run_id = ?")) {
                update.setString(1, PayoutRun.State.COMPLETED.name());
                update.setString(2, runId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<PayoutRun> run(String runId) {
        return store.inTransaction(connection -> Optional.ofNullable(readRun(connection, runId, false)));
    }

    private PayoutRun readRun(Connection connection, String runId, boolean lock) throws SQLException {
        String period;
        PayoutRun.State state;
        try (PreparedStatement select = connection.prepareStatement(lock
                ? store.lockingRead(RUN_SELECT) : RUN_SELECT)) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                period = row.getString(1);
                state = PayoutRun.State.valueOf(row.getString(2));
            }
        }
        List<DistributionPayout> payouts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT agent_id, currency, amount, accruals FROM payout WHERE run_id = ? ORDER BY agent_id, currency")) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    payouts.add(new DistributionPayout(runId, row.getString(1), period, row.getString(2), row.getLong(3), row.getLong(4)));
                }
            }
        }
        payouts.sort(DistributionPayout.ORDER);
        return PayoutRun.of(runId, period, state, payouts);
    }

    private static void writeRun(Connection connection, String runId, String period, PayoutRun.State state, boolean insert) throws SQLException {
        String sql = insert ? "INSERT INTO payout_run (state, period, run_id) VALUES (?, ?, ?)"
                : "UPDATE payout_run SET state = ?, period = ? WHERE run_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, state.name());
            statement.setString(2, period);
            statement.setString(3, runId);
            statement.executeUpdate();
        }
    }
}
