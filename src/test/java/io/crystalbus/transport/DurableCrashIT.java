package io.crystalbus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.JarProcess;
import io.crystalbus.support.Wagers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The durable transport under {@code kill -9}: 20,000 settlements posted over HTTP to the built jar
 * (crystal.transport=jms with its embedded broker, crystal.ledger=jdbc), the process killed three times while they
 * flow and restarted on the same data directory. Each wager is for a customer of its own, so its balance is 0 or
 * its payout and never anything else. A wager that got no 202 is sent again until it does (as a client would); one
 * that was applied before its answer was lost must not be applied twice. At the end every customer holds exactly
 * one payout: every acknowledged settlement applied, none twice, none halfway.
 */
class DurableCrashIT {
    private static final int WAGERS = 20_000;
    private static final int CLIENTS = 16;
    private static final long PAYOUT = 2500;

    @Test
    void everyAcknowledgedSettlementIsAppliedExactlyOnceAcrossThreeKills() throws Exception {
        Path data = Path.of("target/it-data/crash-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(data);
        // AUTO_SERVER: the test reads the ledger while the bus runs; WRITE_DELAY=0 as the bus's default H2 URL has it
        String ledgerUrl = "jdbc:h2:file:" + data.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        String[] settings = {"crystal.transport=jms", "crystal.ledger=jdbc", "crystal.ledger.url=" + ledgerUrl};
        ConcurrentLinkedQueue<Integer> toSend = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < WAGERS; i++) {
            toSend.add(i);
        }
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicReference<JarProcess> bus = new AtomicReference<>(JarProcess.bus(data, "512m", settings));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> {
                for (Integer wager = toSend.poll(); wager != null; wager = toSend.poll()) {
                    // a wager without a 202 is sent again (as a client would) until it gets one
                    while (!post(bus.get(), wager)) {
                        unanswered.incrementAndGet();
                        sleep(100);
                    }
                    acknowledged.incrementAndGet();
                }
            });
            clients.add(client);
            client.start();
        }
        int kills = 0;
        for (int kill = 1; kill <= 3; kill++) {
            int at = WAGERS * kill / 4;
            await().atMost(Duration.ofMinutes(5)).until(() -> acknowledged.get() >= at);
            bus.get().kill();
            kills++;
            System.out.printf("kill -9 number %d after %d acknowledged%n", kill, acknowledged.get());
            bus.set(JarProcess.bus(data, "512m", settings));
        }
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(10).toMillis());
        }
        assertThat(acknowledged.get()).isEqualTo(WAGERS);
        System.out.printf("%d kills, %d wagers acknowledged, %d attempts without an answer (sent again)%n", kills, acknowledged.get(), unanswered.get());
        try (Connection ledger = DriverManager.getConnection(ledgerUrl, "sa", "")) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> count(ledger, "balance = " + PAYOUT) == WAGERS);
            assertThat(count(ledger, "balance <> " + PAYOUT)).as("customers with anything but one payout").isZero();
            Thread.sleep(2_000);
            assertThat(count(ledger, "balance = " + PAYOUT)).isEqualTo(WAGERS);
            assertThat(count(ledger, "balance <> " + PAYOUT)).isZero();
        } finally {
            bus.get().close();
        }
        assertThat(bus.get().log()).doesNotContain("OutOfMemoryError");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when answered 202; false for any other answer or no answer (the process was killed). */
    private static boolean post(JarProcess bus, int wager) {
        try {
            return bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-crash-" + wager, "C-crash-" + wager)) == 202;
        } catch (RuntimeException noAnswer) {
            return false;
        }
    }

    private static long count(Connection ledger, String condition) throws Exception {
        try (Statement statement = ledger.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-crash-%' AND " + condition)) {
            row.next();
            return row.getLong(1);
        }
    }
}
