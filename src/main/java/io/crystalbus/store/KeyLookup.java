package io.crystalbus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the rows of many keys with a few {@code IN (...)} queries instead of one query per key: a batch of 500
 * messages costs 5 round trips to the database, not 500. Keys are sorted and deduplicated, so the rows a
 * locking read takes are locked in the same order by every transaction.
 */
public final class KeyLookup {
    /** Keys per query: small enough for every database's parameter limit, large enough to amortise a round trip. */
    static final int CHUNK = 100;

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private KeyLookup() {
    }

    /**
     * Runs {@code sql} once per chunk of keys, its {@code %s} replaced by the chunk's placeholders, after the
     * {@code leading} parameters, and hands every row to {@code reader}.
     */
    public static void select(Connection connection, String sql, List<String> leading, Collection<String> keys, RowReader reader)
            throws SQLException {
        List<String> sorted = new ArrayList<>(new TreeSet<>(keys));
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<String> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            try (PreparedStatement select = connection.prepareStatement(sql.formatted(String.join(",", Collections.nCopies(chunk.size(), "?"))))) {
                int parameter = 1;
                for (String value : leading) {
                    select.setString(parameter++, value);
                }
                for (String key : chunk) {
                    select.setString(parameter++, key);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }
}
