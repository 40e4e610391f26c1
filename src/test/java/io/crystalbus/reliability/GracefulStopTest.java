package io.crystalbus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.support.BalanceRouteFile;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop in the middle of a load that keeps the balance inbox full (a slow balance route, as a slow
 * database would make it), with the durable store: every wager answered 202 is applied, however long the inbox
 * takes to drain, and is there after the restart. Camel's shutdown timeout is one second here, far shorter than the
 * drain: it used to give up then and drop what still waited in the inbox.
 */
class GracefulStopTest {
    private static final int CLIENTS = 4;
    private static final String SLOW = """
                            - delay:
                                constant: "2"
                                asyncDelayed: false
            """;

    @Test
    void everyWagerAnswered202IsThereAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("crystal-graceful");
        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.writeString(routes.resolve(BalanceRouteFile.NAME), BalanceRouteFile.withStepsAroundApply(SLOW, ""));
        Map<String, String> settings = Map.of("crystal.store", "jdbc",
                "crystal.store.url", "jdbc:sqlite:" + data.resolve("store.db").toAbsolutePath(),
                "crystal.routes.dir", routes.toString(),
                "crystal.queue.balance.consumers", "1", "crystal.queue.balance.size", "20000",
                "camel.main.shutdown-timeout", "1");
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(CLIENTS);
        AtomicBoolean stopping = new AtomicBoolean();
        int queuedAtStop;
        RunningBus bus = RunningBus.start(settings);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; !stopping.get() && i < 20_000; i++) {
                    try {
                        if (bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-gs-" + client + "-" + i, "C-gs-" + client)).statusCode() == 202) {
                            acknowledged.incrementAndGet(client);
                        }
                    } catch (IllegalStateException refused) {
                        // the API closed during the stop: this wager got no 202
                    }
                }
            });
            clients.add(thread);
            thread.start();
        }
        InboxMonitor inboxes = bus.bean("inboxMonitor", InboxMonitor.class);
        long until = System.nanoTime() + 20_000_000_000L;
        while (inboxes.depth("balance") < 1_000 && System.nanoTime() < until) {
            Thread.sleep(50); // the poll interval of a wait with a deadline (the inbox filling behind a slow domain)
        }
        queuedAtStop = inboxes.depth("balance");
        long began = System.nanoTime();
        // the clients keep posting while the bus stops; what they get answered after it began counts as well
        bus.close();
        long drainedMillis = (System.nanoTime() - began) / 1_000_000;
        stopping.set(true);
        for (Thread thread : clients) {
            thread.join(30_000);
        }
        System.out.printf("graceful stop: %d in the balance inbox when it began, drained in %d ms%n", queuedAtStop, drainedMillis);
        assertThat(queuedAtStop).as("the balance inbox was filling").isGreaterThanOrEqualTo(1_000);

        try (RunningBus again = RunningBus.start(settings)) {
            ObjectMapper json = new ObjectMapper();
            for (int c = 0; c < CLIENTS; c++) {
                HttpResponse<String> balance = again.get("/api/v1/balances/C-gs-" + c);
                long applied = balance.statusCode() == 200 ? json.readTree(balance.body()).get("balance").asLong() : 0;
                assertThat(applied).as("C-gs-" + c).isEqualTo(2500L * acknowledged.get(c));
            }
        }
    }
}
