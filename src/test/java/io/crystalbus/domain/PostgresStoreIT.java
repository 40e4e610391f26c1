package io.crystalbus.domain;

import io.crystalbus.support.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The durable store on a real PostgreSQL server (Debian's package, started by the test on a loopback port with its
 * data in a temporary directory): the same contract as on SQLite, each test on a fresh database.
 */
class PostgresStoreIT extends DurableStoreContractTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    String newDatabase() {
        return server.newDatabase("store_" + DATABASES.incrementAndGet());
    }

    @Override
    String user() {
        return server.user();
    }

    @Override
    int adjustmentsPerThread() {
        // each adjustment is a transaction synced to disk: fewer than on SQLite, the same contention
        return 500;
    }
}
