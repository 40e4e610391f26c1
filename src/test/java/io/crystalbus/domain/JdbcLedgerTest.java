package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.balance.JdbcLedger;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.message.BalanceAdjust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The durable ledger on an H2 file database: the ledger contract, and what only a durable ledger promises. */
class JdbcLedgerTest extends LedgerContractTest {
    private final List<JdbcLedger> opened = new ArrayList<>();
    private Path directory;

    @Override
    Ledger newLedger() throws Exception {
        directory = Files.createTempDirectory("crystal-ledger");
        return open();
    }

    @Override
    int adjustmentsPerThread() {
        return 5_000;
    }

    private JdbcLedger open() {
        JdbcLedger ledger = JdbcLedger.open("jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath(), "sa", "", 8);
        opened.add(ledger);
        return ledger;
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcLedger::stop);
    }

    @Test
    void balancesAndAppliedIdsOutliveAReopen() throws Exception {
        JdbcLedger first = (JdbcLedger) newLedger();
        first.apply("m1", credit("C-1", 500));
        first.stop();

        JdbcLedger again = open();
        assertThat(again.balance("C-1").orElseThrow().balance()).isEqualTo(500);
        // the message redelivered after the restart changes nothing
        assertThat(again.apply("m1", credit("C-1", 500))).isEmpty();
        assertThat(again.apply("m2", credit("C-1", 1))).get().extracting(c -> c.balance()).isEqualTo(501L);
    }

    @Test
    void aBatchIsOneTransactionInWhichARefusedEntryStandsAlone() throws Exception {
        Ledger ledger = newLedger();
        ledger.apply("m0", credit("C-1", 100));
        Ledger.BatchResult result = ledger.applyAll(List.of(
                new Ledger.Entry("m1", credit("C-1", 10)),
                new Ledger.Entry("m2", new BalanceAdjust("C-1", "EUR", 5, BalanceAdjust.AdjustReason.COLLECTION, "ref")),
                new Ledger.Entry("m0", credit("C-1", 100)),
                new Ledger.Entry("m3", credit("C-2", 7)),
                new Ledger.Entry("m3", credit("C-2", 7))));
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(1));
        assertThat(result.changes()).extracting(change -> change.map(c -> c.balance()).orElse(null))
                .containsExactly(110L, null, null, 7L, null);
        assertThat(ledger.balance("C-1").orElseThrow().balance()).isEqualTo(110);
        assertThat(ledger.balance("C-2").orElseThrow().balance()).isEqualTo(7);
    }
}
