package io.crystalbus.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.JarProcess;
import io.crystalbus.support.Wagers;
import io.crystalbus.wiring.CrystalBusRoutes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * starts once its configuration arrives (not before), stops when it is deleted, and a changed configuration restarts it while clients keep posting, every
 * wager acknowledged before, during and after the restart applied exactly once (the stop drains the inboxes and the
 * balance channel's open batches; the ledger is the durable one, so the balances outlive the restart).
 */
class KarafBusTest {
    private static final int CLIENTS = 4;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aConfigurationChangeRestartsTheBusWithoutLosingAnAcknowledgedWager() throws Exception {
        Path data = Files.createTempDirectory("crystal-karaf-bus");
        int port = JarProcess.freePort();
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "camel.server.port", Integer.toString(port),
                "camel.management.port", Integer.toString(JarProcess.freePort()),
                // asked for, but the bundle holds no console: ignored, the bus starts without it
                "crystal.console.enabled", "true",
                "crystal.data.dir", data.toString(),
                "crystal.outbox.payouts", "file:" + data.resolve("payouts"),
                "crystal.routes.dir", data.resolve("etc/crystal-bus/routes").toString(),
                "crystal.ledger", "jdbc",
                // batches held open for 200 ms: a restart finds some, and must deliver them before it stops
                "crystal.rollout.balance.control", "batch",
                "crystal.batch.balance.max-age-ms", "200"));
        settings.put("crystal.batch.balance.max-size", "5000");
        int consolePort = JarProcess.freePort();
        settings.put("crystal.console.port", Integer.toString(consolePort));

        try (KarafBus karaf = new KarafBus(CrystalBusRoutes::fromClassPath)) {
            karaf.updated(null); // no configuration yet: nothing starts
            karaf.updated(dictionary(settings, "service.pid", KarafBus.PID, "felix.fileinstall.filename", "file:/etc/io.crystalbus.cfg"));
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "GET", "/api/v1/dead-letters", null) == 200);
            assertThat(data.resolve("etc/crystal-bus/routes")).isDirectory();
            assertThat(status(consolePort, "GET", "/hawtio/", null)).as("the console").isEqualTo(-1);

            Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String customer = "C-karaf-" + c;
                acknowledged.put(customer, new LongAdder());
                Thread client = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        if (status(port, "POST", "/api/v1/wagers/settled", Wagers.winJson("W-" + customer + "-" + i, customer)) == 202) {
                            acknowledged.get(customer).increment();
                        } else {
                            failed.incrementAndGet();
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
            // the new configuration is in effect when a losing stake of 1000 earns 10% (100) instead of 5%
            AtomicInteger probe = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                String agent = "A-karaf-" + probe.incrementAndGet();
                status(port, "POST", "/api/v1/wagers/settled", Wagers.json("W-" + agent, "C-probe", agent, 1000, 0, "LOSS", false));
                Thread.sleep(300);
                return body(port, "/api/v1/agents/" + agent + "/accruals").contains("\"accrued\":100");
            });
            long atRestart = total(acknowledged);
            await().atMost(Duration.ofSeconds(30)).until(() -> total(acknowledged) > atRestart + 200);
            stop.set(true);
            for (Thread client : clients) {
                client.join(30_000);
            }

            System.out.printf("karaf bus restart under load: %d acknowledged (%d before the change), %d failed requests%n",
                    total(acknowledged), beforeChange, failed.get());
            for (var customer : acknowledged.entrySet()) {
                String expected = "\"balance\":" + 2500 * customer.getValue().sum() + ",";
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(body(port, "/api/v1/balances/" + customer.getKey())).as(customer.getKey()).contains(expected));
            }

            karaf.updated(null); // the configuration deleted: the bus stops
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "GET", "/api/v1/dead-letters", null) == -1);
        }
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

    /** The answer's status, or -1 when nothing answers (the bus restarting or closed). */
    private int status(int port, String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
            request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
