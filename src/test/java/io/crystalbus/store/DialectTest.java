package io.crystalbus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store does differently on SQLite, checked against the real driver. */
class DialectTest {

    @Test
    void sqliteReadsWithoutALockClauseWhichItHasNotAndOthersLockTheRows() {
        assertThat(Dialect.of("jdbc:sqlite:/tmp/x.db").lockingRead("SELECT 1 FROM t")).isEqualTo("SELECT 1 FROM t");
        assertThat(Dialect.of("jdbc:postgresql://db/crystal").lockingRead("SELECT 1 FROM t")).isEqualTo("SELECT 1 FROM t FOR UPDATE");
    }

    @Test
    void sqliteTakesOneConnectionWhateverThePoolSize() {
        assertThat(Dialect.SQLITE.connections(8)).isEqualTo(1);
        assertThat(Dialect.LOCKING_ROWS.connections(8)).isEqualTo(8);
    }

    @Test
    void theStoresSqliteSettingsApplyButThoseTheUrlNamesAreLeftToIt(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("a").resolve("store.db") + "?synchronous=NORMAL";
        Dialect.SQLITE.prepare(url);
        try (Connection connection = DriverManager.getConnection(url, Dialect.SQLITE.driverSettings(url))) {
            assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(connection, "synchronous")).isEqualTo("1"); // NORMAL, as the URL says
            assertThat(pragma(connection, "busy_timeout")).isEqualTo("30000");
        }
        String plain = "jdbc:sqlite:" + dir.resolve("b.db");
        try (Connection connection = DriverManager.getConnection(plain, Dialect.SQLITE.driverSettings(plain))) {
            assertThat(pragma(connection, "synchronous")).isEqualTo("2"); // FULL: each commit synced to disk
        }
    }

    @Test
    void sqlitesTakenKeyIsAUniqueViolationAndACollisionAndASyntaxErrorIsNeither(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id VARCHAR(10) PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES ('a')");
            SQLException taken = catchSql(() -> statement.execute("INSERT INTO t VALUES ('a')"));
            assertThat(Dialect.isUniqueViolation(taken)).isTrue();
            assertThat(Dialect.isCollision(taken)).isTrue();
            SQLException syntax = catchSql(() -> statement.execute("SELECT * FROM t FOR UPDATE"));
            assertThat(Dialect.isUniqueViolation(syntax)).isFalse();
            assertThat(Dialect.isCollision(syntax)).isFalse();
        }
    }

    @Test
    void aStandardSqlStateIsRecognisedAlsoWhenChainedOrWrapped() {
        SQLException outer = new SQLException("batch failed", "XX000");
        outer.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(Dialect.isUniqueViolation(outer)).isTrue();
        assertThat(Dialect.isCollision(new SQLException("wrapped", null, new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(Dialect.isCollision(new SQLException("no such table", "42P01"))).isFalse();
    }

    private interface SqlCall {
        void run() throws SQLException;
    }

    private static SQLException catchSql(SqlCall call) {
        try {
            call.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no SQLException");
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (var row = connection.createStatement().executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
