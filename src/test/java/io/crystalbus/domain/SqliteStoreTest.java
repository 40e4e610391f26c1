package io.crystalbus.domain;

import java.nio.file.Files;

/** The durable store on an SQLite file database (the default). */
class SqliteStoreTest extends DurableStoreContractTest {

    @Override
    String newDatabase() throws Exception {
        return "jdbc:sqlite:" + Files.createTempDirectory("crystal-store").resolve("store.db").toAbsolutePath();
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    int adjustmentsPerThread() {
        return 5_000;
    }
}
