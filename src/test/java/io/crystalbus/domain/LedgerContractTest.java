package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every ledger promises, whichever store holds it; the store tests ({@link MemoryStoreTest}, {@link SqliteStoreTest},
 * {@code PostgresStoreIT}) run it on theirs.
 */
abstract class LedgerContractTest {

    /** A new, empty ledger. */
    abstract Ledger newLedger() throws Exception;

    /** How many adjustments each of the eight threads offers in the concurrency test. */
    abstract int adjustmentsPerThread();


    static BalanceAdjust credit(String customer, long amount) {
        return new BalanceAdjust(customer, "USD", amount, AdjustReason.COLLECTION, "ref");
    }

    @Test
    void appliesEachMessageIdOnce() throws Exception {
        Ledger ledger = newLedger();
        assertThat(ledger.apply("m1", credit("C-1", 500))).get().extracting(c -> c.balance()).isEqualTo(500L);
        assertThat(ledger.apply("m1", credit("C-1", 500))).isEmpty();
        assertThat(ledger.balance("C-1")).get().extracting(b -> b.balance()).isEqualTo(500L);
    }

    @Test
    void aRefusedAdjustmentIsNotRememberedAsApplied() throws Exception {
        Ledger ledger = newLedger();
        ledger.apply("m1", credit("C-1", 500));
        BalanceAdjust euros = new BalanceAdjust("C-1", "EUR", 10, AdjustReason.COLLECTION, "ref");
        assertThatThrownBy(() -> ledger.apply("m2", euros))
                .isInstanceOf(RejectedMessageException.class).hasMessageContaining("holds USD");
        // the same id with a valid adjustment still applies: the failed attempt did not claim it
        assertThat(ledger.apply("m2", credit("C-1", 10))).isPresent();
        assertThat(ledger.balance("C-1").orElseThrow().balance()).isEqualTo(510);
    }

    @Test
    void overflowIsRefused() throws Exception {
        Ledger ledger = newLedger();
        ledger.apply("m1", credit("C-1", Long.MAX_VALUE));
        assertThatThrownBy(() -> ledger.apply("m2", credit("C-1", 1))).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void eightThreadsOnTenCustomersLoseNoUpdateAndApplyRepeatsOnce() throws Exception {
        Ledger ledger = newLedger();
        int threads = 8;
        int adjustments = adjustmentsPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                // every thread offers every adjustment: each must apply exactly once
                for (int i = 0; i < adjustments; i++) {
                    ledger.apply("m" + i, credit("C-" + (i % 10), i % 7 + 1));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long[] expected = new long[10];
        for (int i = 0; i < adjustments; i++) {
            expected[i % 10] += i % 7 + 1;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(ledger.balance("C-" + c).orElseThrow().balance()).as("C-" + c).isEqualTo(expected[c]);
        }
    }
}
