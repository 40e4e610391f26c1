package io.crystalbus.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.JarProcess;
import io.crystalbus.support.Wagers;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * What the Karaf bundle does with Configuration Admin, without a container (KarafIT covers the container): the bus
 * starts once its configuration arrives (not before), stops when it is deleted, a changed configuration restarts
 * it while clients keep posting (every wager acknowledged before, during and after the restart applied exactly
 * once: the stop drains the inboxes and the balance channel's open batches; the ledger is the durable one, so the
 * balances outlive the restart), and a configuration that fails to start gives way to the last one that started.
 */
class KarafBusTest {
    private static final int CLIENTS = 4;
    private static final int REFUSED = -1;
    private static final int NO_ANSWER = -2;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aConfigurationChangeRestartsTheBusWithoutLosingAnAcknowledgedWager() throws Exception {
        Path data = Files.createTempDirectory("crystal-karaf-bus");
        int port = JarProcess.freePort();
        int consolePort = JarProcess.freePort();
        Map<String, String> settings = settings(port, data);
        // asked for, but the bundle holds no console: ignored, the bus starts without it
        settings.put("crystal.console.enabled", "true");
        settings.put("crystal.console.port", Integer.toString(consolePort));
        // batches held open for 200 ms: a restart finds some, and must deliver them before it stops
        settings.put("crystal.rollout.balance.control", "batch");
        settings.put("crystal.batch.balance.max-age-ms", "200");
        settings.put("crystal.batch.balance.max-size", "5000");

        try (KarafBus karaf = new KarafBus(CrystalBusRoutes::fromClassPath)) {
            karaf.updated(null);
            karaf.awaitApplied();
            assertThat(status(port, "GET", "/api/v1/dead-letters", null)).as("before any configuration").isEqualTo(REFUSED);
            karaf.updated(dictionary(settings, "service.pid", KarafBus.PID, "felix.fileinstall.filename", "file:/etc/io.crystalbus.cfg"));
            karaf.awaitApplied();
            assertThat(status(port, "GET", "/api/v1/dead-letters", null)).isEqualTo(200);
            assertThat(data.resolve("etc/crystal-bus/routes")).isDirectory();
            assertThat(status(consolePort, "GET", "/hawtio/", null)).as("the console").isEqualTo(REFUSED);

            Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unanswered = new AtomicInteger(); // sent, but the connection closed before an answer
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String customer = "C-karaf-" + c;
                acknowledged.put(customer, new LongAdder());
                Thread client = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        int status = status(port, "POST", "/api/v1/wagers/settled", Wagers.winJson("W-" + customer + "-" + i, customer));
                        if (status == 202) {
                            acknowledged.get(customer).increment();
                        } else if (status == NO_ANSWER) {
                            unanswered.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                });
                clients.add(client);
                client.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(acknowledged) > 200);
            long beforeChange = total(acknowledged);

            settings.put("crystal.settlement.commission-bps", "1000");
            karaf.updated(dictionary(settings, "service.pid", KarafBus.PID));
            karaf.awaitApplied();
            // the new configuration is in effect: a losing stake of 1000 earns 10% (100) instead of 5%
            assertThat(status(port, "POST", "/api/v1/wagers/settled", Wagers.json("W-probe", "C-probe", "A-probe", 1000, 0, "LOSS", false)))
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(body(port, "/api/v1/agents/A-probe/accruals")).containsPattern("\"accrued\":100[,}]"));
            long atRestart = total(acknowledged);
            await().atMost(Duration.ofSeconds(30)).until(() -> total(acknowledged) > atRestart + 200);
            stop.set(true);
            for (Thread client : clients) {
                client.join(30_000);
            }

            System.out.printf("karaf bus restart under load: %d acknowledged (%d before the change), %d refused, %d unanswered%n",
                    total(acknowledged), beforeChange, refused.get(), unanswered.get());
            // an unanswered request may or may not have been accepted: it can only add to a balance
            for (var customer : acknowledged.entrySet()) {
                long least = 2500 * customer.getValue().sum();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(balance(port, customer.getKey()))
                        .as(customer.getKey()).isBetween(least, least + 2500L * unanswered.get()));
            }

            karaf.updated(null); // the configuration deleted: the bus stops
            karaf.awaitApplied();
            assertThat(status(port, "GET", "/api/v1/dead-letters", null)).as("after the configuration was deleted").isEqualTo(REFUSED);
        }
    }

    @Test
    void aConfigurationThatDoesNotStartGivesWayToTheLastOneThatDid() throws Exception {
        Path data = Files.createTempDirectory("crystal-karaf-bad-config");
        int port = JarProcess.freePort();
        // the broker and the ledger database are open when the bad setting is read: the failed start must close
        // them, or the bus could not start again on the same journal and database
        Map<String, String> good = settings(port, data);
        good.put("crystal.transport", "jms");
        try (KarafBus karaf = new KarafBus(CrystalBusRoutes::fromClassPath)) {
            karaf.updated(dictionary(good));
            karaf.awaitApplied();
            assertThat(status(port, "POST", "/api/v1/wagers/settled", Wagers.winJson("W-bad-1", "C-bad"))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> balance(port, "C-bad") == 2500);

            Map<String, String> bad = new HashMap<>(good);
            bad.put("crystal.alerts.file", "file:" + data.resolve("no-such-alerts.yaml"));
            karaf.updated(dictionary(bad));
            karaf.awaitApplied();

            assertThat(status(port, "POST", "/api/v1/wagers/settled", Wagers.winJson("W-bad-2", "C-bad"))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> balance(port, "C-bad") == 5000);
        }
    }

    private static Map<String, String> settings(int port, Path data) throws IOException {
        return new HashMap<>(Map.of(
                "camel.server.port", Integer.toString(port),
                "camel.management.port", Integer.toString(JarProcess.freePort()),
                "crystal.data.dir", data.toString(),
                "crystal.outbox.payouts", "file:" + data.resolve("payouts"),
                "crystal.routes.dir", data.resolve("etc/crystal-bus/routes").toString(),
                "crystal.store", "jdbc"));
    }

    private static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Hashtable<String, Object> dictionary(Map<String, String> settings, String... extra) {
        Hashtable<String, Object> dictionary = new Hashtable<>(settings);
        for (int i = 0; i < extra.length; i += 2) {
            dictionary.put(extra[i], extra[i + 1]);
        }
        return dictionary;
    }

    /** The answer's status; {@link #REFUSED} when nothing listens, {@link #NO_ANSWER} when the connection broke. */
    private int status(int port, String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
            request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return REFUSED;
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }

    private long balance(int port, String customer) throws Exception {
        java.util.regex.Matcher balance = java.util.regex.Pattern.compile("\"balance\":(\\d+)").matcher(body(port, "/api/v1/balances/" + customer));
        return balance.find() ? Long.parseLong(balance.group(1)) : 0;
    }

    private String body(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
