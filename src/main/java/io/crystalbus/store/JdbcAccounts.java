package io.crystalbus.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.crystalbus.message.RejectedMessageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@link Accounts} in a table of {@code (customer_id, currency, amount)}: a batch is one transaction that locks
 * its rows in key order (no deadlock between batches), skips the ids its scope applied before, applies the rest
 * and records their ids with the new amounts; a message redelivered after a crash finds its id and changes
 * nothing. A change its rule refuses leaves no trace, so the same id can apply later.
 *
 * <p>A key's currency is fixed when its row is first written and rows are never deleted, so the currencies seen
 * are kept (bounded) and a batch's currency check reads only keys not seen yet; keys not found are not kept,
 * as another node may open them.
 */
public final class JdbcAccounts implements Accounts {
    private static final int KNOWN_CURRENCIES = 200_000;
    private final JdbcStore store;
    private final Cache<String, String> knownCurrencies = Caffeine.newBuilder().maximumSize(KNOWN_CURRENCIES).build();
    private final String table;
    private final String scope;

    /**
     * @param table the table (a fixed name of the schema, never input)
     * @param scope the domain whose applied ids these are
     */
    public JdbcAccounts(JdbcStore store, String table, String scope) {
        this.store = store;
        this.table = table;
        this.scope = scope;
    }

    @Override
    public List<Outcome> applyAll(List<Change> changes) {
        return store.inTransaction(connection -> applyAll(connection, changes));
    }

    private List<Outcome> applyAll(Connection connection, List<Change> changes) throws SQLException {
        Map<String, Amount> amounts = lock(connection, changes);
        Set<String> existing = new HashSet<>(amounts.keySet());
        List<String> ids = new ArrayList<>(changes.size());
        changes.forEach(change -> ids.add(change.messageId()));
        Set<String> applied = store.appliedIds().appliedBefore(connection, scope, ids);
        List<Outcome> outcomes = new ArrayList<>(changes.size());
        List<String> recorded = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        for (Change change : changes) {
            if (applied.contains(change.messageId())) {
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            try {
                Amount after = change.rule().after(change.key(), amounts.get(change.key()));
                amounts.put(change.key(), after);
                applied.add(change.messageId());
                recorded.add(change.messageId());
                changed.add(change.key());
                outcomes.add(new Outcome(after, null));
            } catch (RejectedMessageException e) {
                outcomes.add(new Outcome(null, e));
            }
        }
        store.appliedIds().record(connection, scope, recorded);
        write(connection, amounts, existing, changed);
        return outcomes;
    }

    /** The batch's rows that exist, locked in key order. */
    private Map<String, Amount> lock(Connection connection, List<Change> changes) throws SQLException {
        Set<String> keys = new TreeSet<>();
        changes.forEach(change -> keys.add(change.key()));
        Map<String, Amount> amounts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                store.lockingRead("SELECT currency, amount FROM " + table + " WHERE customer_id = ?"))) {
            for (String key : keys) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        amounts.put(key, new Amount(row.getString(1), row.getLong(2)));
                    }
                }
            }
        }
        return amounts;
    }

    private void write(Connection connection, Map<String, Amount> amounts, Set<String> existing, Set<String> changed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET amount = ? WHERE customer_id = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (customer_id, currency, amount) VALUES (?, ?, ?)")) {
            for (String key : changed) {
                Amount amount = amounts.get(key);
                if (existing.contains(key)) {
                    update.setLong(1, amount.value());
                    update.setString(2, key);
                    update.addBatch();
                } else {
                    insert.setString(1, key);
                    insert.setString(2, amount.currency());
                    insert.setLong(3, amount.value());
                    insert.addBatch();
                }
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    @Override
    public Optional<Amount> get(String key) {
        Map<String, Amount> found = read(List.of(key));
        return Optional.ofNullable(found.get(key));
    }

    @Override
    public String currencyOf(String key) {
        return currencies(List.of(key)).apply(key);
    }

    @Override
    public Function<String, String> currencies(Collection<String> keys) {
        Map<String, String> currencies = new HashMap<>();
        List<String> unseen = new ArrayList<>();
        for (String key : keys) {
            String known = knownCurrencies.getIfPresent(key);
            if (known == null) {
                unseen.add(key);
            } else {
                currencies.put(key, known);
            }
        }
        if (!unseen.isEmpty()) {
            // kept only when read outside a transaction: a row this thread's transaction wrote may roll back
            boolean committed = !store.inTransaction();
            read(unseen).forEach((key, amount) -> {
                currencies.put(key, amount.currency());
                if (committed) {
                    knownCurrencies.put(key, amount.currency());
                }
            });
        }
        return currencies::get;
    }

    private Map<String, Amount> read(Collection<String> keys) {
        return store.inTransaction(connection -> {
            Map<String, Amount> found = new HashMap<>();
            KeyLookup.select(connection, "SELECT customer_id, currency, amount FROM " + table + " WHERE customer_id IN (%s)", List.of(), keys,
                    row -> found.put(row.getString(1), new Amount(row.getString(2), row.getLong(3))));
            return found;
        });
    }
}
