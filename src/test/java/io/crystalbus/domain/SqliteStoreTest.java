package io.crystalbus.domain;

import java.nio.file.Files;

/** The durable store on an SQLite file database (the default). */
class SqliteStoreTest extends DurableStoreContractTest {

    @Override
    String newDatabase() throws Exception {
        java.nio.file.Path directory = Files.createTempDirectory("crystal-store");
        io.crystalbus.support.TempFiles.removeAtExit(directory);
        return "jdbc:sqlite:" + directory.resolve("store.db").toAbsolutePath();
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
