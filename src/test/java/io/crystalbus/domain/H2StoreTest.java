package io.crystalbus.domain;

import java.nio.file.Files;

/** The durable store on an H2 file database (the default). */
class H2StoreTest extends DurableStoreContractTest {

    @Override
    String newDatabase() throws Exception {
        return "jdbc:h2:file:" + Files.createTempDirectory("crystal-store").resolve("store").toAbsolutePath();
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
