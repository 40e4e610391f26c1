package io.crystalbus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.JarProcess;
import io.crystalbus.support.PostgresServer;
import io.crystalbus.support.Wagers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The durable profile ({@code crystal.durable=true}: the embedded Artemis broker and the JDBC store) under
 * {@code kill -9}, on SQLite (the default store) and on a real PostgreSQL (there with every channel batched). Sixteen clients send every kind of message over HTTP: per
 * customer a free-play grant, a collection, a cash WIN, two cash LOSSes, a free-play WIN and a free-play
 * consumption, each sent again until it gets a {@code 202} (as a client would); halfway a payout run starts. The
 * process is killed three times while this flows and restarted on the same data. At the end a second run pays the
 * rest, and every cash balance, free-play credit, settlement status, accrual and payout file is exactly what the
 * test computes: every acknowledged message applied once, none twice, none halfway.
 */
class DurableCrashIT {
    private static final int CUSTOMERS = 1_500;
    private static final int AGENTS = 10;
    private static final int CLIENTS = 16;
    /** Per customer: collection 300 + cash WIN payout 2500 + two LOSSes 0 + free-play WIN winnings 300. */
    private static final long CASH = 300 + 2500 + 300;
    /** Per customer: granted 700, consumed 100 (the free-play WIN consumes no credit). */
    private static final long FREE_PLAY = 700 - 100;
    /** Per customer, 500 bps of the house's net: WIN -75, two LOSSes +50 each, free-play WIN -15. */
    private static final long COMMISSION = -75 + 50 + 50 - 15;
    private static final int WAGERS_EACH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfStateIsExactAcrossThreeKillsOnSqlite() throws Exception {
        Path data = newData("sqlite");
        // the bus's default store, at a path the test names: the test reads it while the bus runs (SQLite lets
        // another process read a database in write-ahead-log mode)
        String url = "jdbc:sqlite:" + data.resolve("store").resolve("crystal.db");
        crashThreeTimes(data, url, "sa");
    }

    /** Here every channel is batched as well: a message's follow-ups travel as batch frames. */
    @Test
    void everyKindOfStateIsExactAcrossThreeKillsOnPostgresWithBatchedChannels() throws Exception {
        try (PostgresServer postgres = PostgresServer.startOrSkip()) {
            crashThreeTimes(newData("postgres"), postgres.jdbcUrl(), postgres.user(), "crystal.rollout.balance.control=batch",
                    "crystal.rollout.free-play.control=batch", "crystal.rollout.distributions.control=batch");
        }
    }

    private static Path newData(String name) throws Exception {
        return Files.createDirectories(Path.of("target/it-data/crash-" + name + "-" + UUID.randomUUID()).toAbsolutePath());
    }

    /** One customer's messages, in the order its client sends them (each after the previous one's 202). */
    private static List<String[]> messagesOf(int customer) {
        String c = "C-crash-" + customer;
        String agent = "A-crash-" + customer % AGENTS;
        return List.of(
                new String[] {"/api/v1/freeplay", """
                        {"messageId":"grant-%s","action":"GRANT","customerId":"%s","currency":"USD","amount":700}""".formatted(c, c)},
                new String[] {"/api/v1/collections", """
                        {"collectionId":"K-%s","customerId":"%s","agentId":"%s","currency":"USD","amount":300,"method":"bank"}""".formatted(c, c, agent)},
                new String[] {"/api/v1/wagers/settled", Wagers.json("W-" + c + "-win", c, agent, 1000, 2500, "WIN", false)},
                new String[] {"/api/v1/wagers/settled", Wagers.json("W-" + c + "-loss1", c, agent, 1000, 0, "LOSS", false)},
                new String[] {"/api/v1/wagers/settled", Wagers.json("W-" + c + "-loss2", c, agent, 1000, 0, "LOSS", false)},
                new String[] {"/api/v1/wagers/settled", Wagers.json("W-" + c + "-fp", c, agent, 200, 500, "WIN", true)},
                new String[] {"/api/v1/freeplay", """
                        {"messageId":"consume-%s","action":"CONSUME","customerId":"%s","currency":"USD","amount":100}""".formatted(c, c)});
    }

    private void crashThreeTimes(Path data, String url, String user, String... extraSettings) throws Exception {
        List<String> all = new ArrayList<>(List.of("crystal.durable=true", "crystal.store.url=" + url, "crystal.store.user=" + user));
        all.addAll(List.of(extraSettings));
        String[] settings = all.toArray(String[]::new);
        ConcurrentLinkedQueue<Integer> toSend = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            toSend.add(i);
        }
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicReference<JarProcess> bus = new AtomicReference<>(JarProcess.bus(data, "512m", settings));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> {
                for (Integer customer = toSend.poll(); customer != null; customer = toSend.poll()) {
                    for (String[] message : messagesOf(customer)) {
                        // a message without a 202 is sent again (as a client would) until it gets one
                        while (!post(bus.get(), message[0], message[1])) {
                            unanswered.incrementAndGet();
                            sleep(100);
                        }
                    }
                    acknowledged.incrementAndGet();
                }
            });
            clients.add(client);
            client.start();
        }
        for (int kill = 1; kill <= 3; kill++) {
            int at = CUSTOMERS * kill / 4;
            await().atMost(Duration.ofMinutes(5)).until(() -> acknowledged.get() >= at);
            if (kill == 2) {
                // a payout run in progress when the process dies: whatever it paid, its files are written exactly once
                while (!post(bus.get(), "/api/v1/distributions/runs", "{\"period\":\"2026-W48\",\"runId\":\"crash-run-1\"}")) {
                    sleep(100);
                }
                sleep(50);
            }
            bus.get().kill();
            System.out.printf("kill -9 number %d after %d customers acknowledged%n", kill, acknowledged.get());
            bus.set(JarProcess.bus(data, "512m", settings));
        }
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(10).toMillis());
        }
        assertThat(acknowledged.get()).isEqualTo(CUSTOMERS);
        System.out.printf("3 kills, %d customers' %d messages acknowledged, %d attempts without an answer (sent again)%n",
                CUSTOMERS, CUSTOMERS * 7, unanswered.get());
        try (Connection store = DriverManager.getConnection(url, user, "")) {
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        count(store, "SELECT COUNT(*) FROM settlement_status WHERE wager_id LIKE 'W-C-crash-%' AND state = 'COMPLETED'") == (long) CUSTOMERS * WAGERS_EACH
                                && count(store, "SELECT COUNT(*) FROM free_play_credit WHERE customer_id LIKE 'C-crash-%' AND amount = " + FREE_PLAY) == CUSTOMERS);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the store never reached what was acknowledged: " + shortfall(store), e);
            }
            assertThat(count(store, "SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-crash-%' AND amount = " + CASH)).isEqualTo(CUSTOMERS);
            assertThat(count(store, "SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-crash-%' AND amount <> " + CASH)).as("cash balances off").isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM free_play_credit WHERE customer_id LIKE 'C-crash-%' AND amount <> " + FREE_PLAY)).as("free-play credits off").isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM settlement_status WHERE wager_id LIKE 'W-C-crash-%'")).isEqualTo((long) CUSTOMERS * WAGERS_EACH);
            // every accrual counted once: each agent's sum and count are those of its customers' wagers
            long perAgent = CUSTOMERS / AGENTS;
            assertThat(count(store, "SELECT COUNT(*) FROM accrual WHERE agent_id LIKE 'A-crash-%'")).isEqualTo(AGENTS);
            assertThat(count(store, "SELECT COUNT(*) FROM accrual WHERE agent_id LIKE 'A-crash-%' AND (accrued <> " + perAgent * COMMISSION
                    + " OR accruals <> " + perAgent * WAGERS_EACH + ")")).as("accruals off").isZero();

            // the run started during the load completed; a second one pays the rest
            JarProcess last = bus.get();
            await().atMost(Duration.ofMinutes(2)).until(() -> state(last, "crash-run-1").equals("COMPLETED"));
            assertThat(last.postJson("/api/v1/distributions/runs", "{\"period\":\"2026-W48\",\"runId\":\"crash-run-2\"}")).isEqualTo(202);
            await().atMost(Duration.ofMinutes(2)).until(() -> state(last, "crash-run-2").equals("COMPLETED"));
            assertThat(count(store, "SELECT COUNT(*) FROM accrual WHERE agent_id LIKE 'A-crash-%' AND (paid <> accrued OR paid_accruals <> accruals)"))
                    .as("accruals not paid exactly once").isZero();
            assertThat(count(store, "SELECT SUM(amount) FROM payout WHERE agent_id LIKE 'A-crash-%'")).isEqualTo(CUSTOMERS * COMMISSION);
            for (String run : List.of("crash-run-1", "crash-run-2")) {
                checkFiles(data.resolve("payouts"), run, count(store, "SELECT COALESCE(SUM(amount), 0) FROM payout WHERE run_id = '" + run + "'"));
            }
            if (extraSettings.length > 0) {
                assertThat(last.management("/observe/metrics")).as("the channels were batched")
                        .containsPattern("crystal_batch_completions_total\\{[^}]*flow=\"balance\"");
            }
        } finally {
            bus.get().close();
        }
        assertThat(bus.get().log()).doesNotContain("OutOfMemoryError");
    }

    /** What differs from the computed state, counted, for a failure's message. */
    private static String shortfall(Connection store) throws Exception {
        return "settlements completed " + count(store, "SELECT COUNT(*) FROM settlement_status WHERE wager_id LIKE 'W-C-crash-%' AND state = 'COMPLETED'")
                + " of " + (long) CUSTOMERS * WAGERS_EACH
                + ", free-play credits right " + count(store, "SELECT COUNT(*) FROM free_play_credit WHERE customer_id LIKE 'C-crash-%' AND amount = " + FREE_PLAY)
                + " of " + CUSTOMERS
                + ", cash balances right " + count(store, "SELECT COUNT(*) FROM account WHERE customer_id LIKE 'C-crash-%' AND amount = " + CASH)
                + " of " + CUSTOMERS;
    }

    /** The run's manifest lists files that are on disk, intact, with the run's total. */
    private static void checkFiles(Path outbox, String run, long total) throws Exception {
        JsonNode manifest = JSON.readTree(outbox.resolve("payouts-2026-W48-" + run + ".manifest.json").toFile());
        assertThat(manifest.path("totals").path("USD").asLong(0)).as(run + " total").isEqualTo(total);
        for (JsonNode file : manifest.get("files")) {
            byte[] bytes = Files.readAllBytes(outbox.resolve(file.get("name").asText()));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(file.get("sha256").asText());
        }
        try (var parts = Files.list(outbox)) {
            assertThat(parts.map(Path::toString).filter(name -> name.endsWith(".part"))).as("half-written files").isEmpty();
        }
    }

    private static String state(JarProcess bus, String run) {
        try {
            return JSON.readTree(bus.get("/api/v1/distributions/runs/" + run)).path("state").asText();
        } catch (Exception notYet) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // a client's back-off before it sends again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when answered 202; false for any other answer or no answer (the process was killed). */
    private static boolean post(JarProcess bus, String path, String body) {
        try {
            return bus.postJson(path, body) == 202;
        } catch (RuntimeException noAnswer) {
            return false;
        }
    }

    private static long count(Connection store, String sql) throws Exception {
        try (Statement statement = store.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
