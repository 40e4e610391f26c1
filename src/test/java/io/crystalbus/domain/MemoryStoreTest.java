package io.crystalbus.domain;

import io.crystalbus.wiring.DomainStores;

class MemoryStoreTest extends StoreContractTest {

    @Override
    DomainStores newStores() {
        return DomainStores.memory(1_000_000, 100_000);
    }

    @Override
    int adjustmentsPerThread() {
        return 100_000;
    }
}
