package io.crystalbus.domain;

import io.crystalbus.domain.balance.InMemoryLedger;
import io.crystalbus.domain.balance.Ledger;

class InMemoryLedgerTest extends LedgerContractTest {

    @Override
    Ledger newLedger() {
        return new InMemoryLedger(1_000_000);
    }

    @Override
    int adjustmentsPerThread() {
        return 100_000;
    }
}
