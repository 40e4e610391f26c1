package io.crystalbus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the messages each domain applied (table {@code processed_message}), written in the transaction of
 * the change they made. A domain's ids are its own ({@code scope}), and the ids themselves name the message type
 * that entered the bus ({@link io.crystalbus.message.MessageIds}), so no id of one type suppresses another's.
 * An id is kept for the retention, after which a repeat of the message would apply again: the retention must
 * outlast every redelivery and client retry (docs/reliability.md).
 */
public final class AppliedIds {
    private final Duration retention;
    private final Clock clock;

    AppliedIds(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** The ids among {@code ids} that the scope applied before. */
    public Set<String> appliedBefore(Connection connection, String scope, Collection<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        KeyLookup.select(connection, "SELECT message_id FROM processed_message WHERE scope = ? AND message_id IN (%s)",
                List.of(scope), ids, row -> found.add(row.getString(1)));
        return found;
    }

    /** Records the ids as applied now by the scope (a unique key taken meanwhile fails the transaction: a collision). */
    public void record(Connection connection, String scope, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_message (scope, message_id, applied_at) VALUES (?, ?, ?)")) {
            for (String id : ids) {
                insert.setString(1, scope);
                insert.setString(2, id);
                insert.setTimestamp(3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    int purge(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM processed_message WHERE applied_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(retention)));
            return delete.executeUpdate();
        }
    }
}
