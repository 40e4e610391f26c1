package io.crystalbus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.JarProcess;
import io.crystalbus.support.PostgresServer;
import io.crystalbus.support.Wagers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two application JVMs on one broker (embedded in node A, which also listens on TCP for node B) and one store
 * database (a real PostgreSQL, the documented store of several nodes): clients spread each customer's wagers over both nodes, one at a
 * time and in order; node B is killed in the middle, and its clients go on with A. Every settlement is applied
 * exactly once, and each customer's adjustments were applied in the order the customer's wagers were sent
 * (message groups keep one customer's messages on one consumer at a time).
 */
class TwoNodeIT {
    private static final int CUSTOMERS = 40;
    private static final int WAGERS_EACH = 100;

    @Test
    void bothNodesShareTheWorkAndNodeBKilledLosesNothingAndKeepsEachCustomersOrder() throws Exception {
        Path root = Path.of("target/it-data/two-nodes-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        int brokerPort = JarProcess.freePort();
        try (PostgresServer postgres = PostgresServer.startOrSkip()) {
            String ledgerUrl = postgres.jdbcUrl();
            String[] store = {"crystal.store=jdbc", "crystal.store.url=" + ledgerUrl, "crystal.store.user=" + postgres.user()};
            try (JarProcess nodeA = JarProcess.bus(root.resolve("a"), "512m", with(store, "crystal.transport=jms",
                    "crystal.broker.listen=tcp://127.0.0.1:" + brokerPort, "crystal.broker.password=two-nodes"));
                 JarProcess nodeB = JarProcess.bus(root.resolve("b"), "512m", with(store, "crystal.transport=jms",
                    "crystal.broker.url=tcp://127.0.0.1:" + brokerPort, "crystal.broker.password=two-nodes"))) {
                bothNodesWork(nodeA, nodeB, ledgerUrl, postgres.user());
            }
        }
    }

    private static String[] with(String[] store, String... settings) {
        return Stream.concat(Arrays.stream(settings), Arrays.stream(store)).toArray(String[]::new);
    }

    private static void bothNodesWork(JarProcess nodeA, JarProcess nodeB, String ledgerUrl, String user) throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            int customer = c;
            Thread client = new Thread(() -> {
                for (int w = 0; w < WAGERS_EACH; w++) {
                    // alternate the nodes; once B is gone, everything to A
                    JarProcess node = (w % 2 == 0 || !nodeB.isAlive()) ? nodeA : nodeB;
                    while (!post(node, customer, w)) {
                        retried.incrementAndGet();
                        node = nodeA;
                    }
                    if (node == nodeB) {
                        onB.incrementAndGet();
                    }
                    acknowledged.incrementAndGet();
                }
            });
            clients.add(client);
            client.start();
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.get() >= CUSTOMERS * WAGERS_EACH / 2);
        nodeB.kill();
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(5).toMillis());
        }
        System.out.printf("two nodes: %d acknowledged, %d by node B before it was killed, %d attempts sent again to A%n",
                acknowledged.get(), onB.get(), retried.get());
        assertThat(acknowledged.get()).isEqualTo(CUSTOMERS * WAGERS_EACH);
        assertThat(onB.get()).isGreaterThan(0);

        try (Connection ledger = DriverManager.getConnection(ledgerUrl, user, "")) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count(ledger, "SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-two-%' AND amount = " + WAGERS_EACH * 2500L) == CUSTOMERS);
            assertThat(count(ledger, "SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-two-%' AND amount <> " + WAGERS_EACH * 2500L)).isZero();
            for (int c = 0; c < CUSTOMERS; c++) {
                assertThat(appliedOrder(ledger, "C-two-" + c)).as("order of C-two-" + c).isSorted().hasSize(WAGERS_EACH);
            }
        }
    }

    private static boolean post(JarProcess node, int customer, int wager) {
        try {
            return node.postJson("/api/v1/wagers/settled", Wagers.winJson("W-two-" + customer + "-" + String.format("%03d", wager), "C-two-" + customer)) == 202;
        } catch (RuntimeException noAnswer) {
            return false;
        }
    }

    /** The wager numbers of the customer's balance adjustments, in the order the ledger applied them. */
    private static List<Integer> appliedOrder(Connection ledger, String customer) throws Exception {
        List<Integer> order = new ArrayList<>();
        try (PreparedStatement select = ledger.prepareStatement(
                "SELECT message_id FROM processed_message WHERE scope = 'balance' AND message_id LIKE ? ORDER BY applied_at, message_id")) {
            select.setString(1, "wager.settled:W-two-" + customer.substring("C-two-".length()) + "-%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // wager.settled:W-two-<customer>-<nnn>/balance
                    String id = rows.getString(1);
                    order.add(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1, id.indexOf('/'))));
                }
            }
        }
        return order;
    }

    private static long count(Connection ledger, String sql) throws Exception {
        try (PreparedStatement select = ledger.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
