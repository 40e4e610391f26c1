package io.crystalbus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.BalanceRouteFile;
import io.crystalbus.support.JarProcess;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Many clients post wagers at several times what the bus can settle (its balance domain is slowed to about
 * 3 ms a message with one consumer, its thread blocked as a slow handler's would be), into the built jar with a 128 MB heap and inboxes of 5,000 (a request waits 50 ms for room): the inboxes fill, the API answers
 * 503 with Retry-After instead of queueing without bound, the heap stays bounded, every 202 is applied once the
 * load stops, the rejections are counted in the metrics, and the bus takes new wagers again.
 */
class OverloadIT {
    private static final int CLIENTS = 24;
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final String SLOW = """
                            - delay:
                                constant: "3"
                                asyncDelayed: false
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void overloadIsRefusedWith503AndNothingAcceptedIsLost() throws Exception {
        Path data = Path.of("target/it-data/overload-" + UUID.randomUUID());
        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.writeString(routes.resolve(BalanceRouteFile.NAME), BalanceRouteFile.withStepsAroundApply(SLOW, ""));
        try (JarProcess bus = JarProcess.bus(data, "128m", "crystal.routes.dir=" + routes.toAbsolutePath(),
                "crystal.queue.balance.consumers=1", "crystal.queue.default.size=5000",
                // a request waits at most 50 ms for room in the settlement inbox (2 s by default), then gets 503
                "crystal.queue.settlement.offer-timeout-ms=50")) {
            LongAdder[] acknowledged = new LongAdder[CLIENTS];
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger withoutRetryAfter = new AtomicInteger();
            AtomicInteger otherAnswers = new AtomicInteger();
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                LongAdder mine = acknowledged[c] = new LongAdder();
                String customer = "C-ov-" + c;
                Thread client = new Thread(() -> {
                    for (int i = 0; loading.get(); i++) {
                        HttpResponse<String> answer = bus.post("/api/v1/wagers/settled", Wagers.winJson("W-" + customer + "-" + i, customer));
                        if (answer.statusCode() == 202) {
                            mine.increment();
                        } else if (answer.statusCode() == 503) {
                            unavailable.incrementAndGet();
                            if (answer.headers().firstValue("Retry-After").isEmpty()) {
                                withoutRetryAfter.incrementAndGet();
                            }
                        } else {
                            otherAnswers.incrementAndGet();
                        }
                    }
                });
                clients.add(client);
                client.start();
            }
            AtomicLong peakHeap = new AtomicLong();
            long end = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < end) {
                peakHeap.accumulateAndGet(heapUsed(bus), Math::max);
                Thread.sleep(250); // the heap's sampling interval through the load window
            }
            loading.set(false);
            for (Thread client : clients) {
                client.join(60_000);
            }
            long accepted = 0;
            for (LongAdder count : acknowledged) {
                accepted += count.sum();
            }
            System.out.printf("overload: %d accepted, %d refused with 503, peak heap %.1f MB of 128 MB%n",
                    accepted, unavailable.get(), peakHeap.get() / 1e6);

            assertThat(bus.isAlive()).isTrue();
            assertThat(unavailable.get()).as("503 answers").isGreaterThan(0);
            assertThat(withoutRetryAfter.get()).isZero();
            assertThat(otherAnswers.get()).isZero();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (int c = 0; c < CLIENTS; c++) {
                    assertThat(balanceOf(bus, "C-ov-" + c)).as("C-ov-" + c).isEqualTo(2500L * acknowledged[c].sum());
                }
            });
            assertThat(rejectionsCounted(bus)).isEqualTo(unavailable.get());
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-after", "C-ov-after"))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(balanceOf(bus, "C-ov-after")).isEqualTo(2500L));
            assertThat(bus.log()).doesNotContain("OutOfMemoryError");
        }
    }

    private long balanceOf(JarProcess bus, String customer) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/" + customer)).path("balance").asLong();
    }

    /** The heap in use (all heap pools) from the bus's Prometheus metrics. */
    private static long heapUsed(JarProcess bus) {
        return (long) sum(bus.management("/observe/metrics"), "jvm_memory_used_bytes{area=\"heap\"");
    }

    private static long rejectionsCounted(JarProcess bus) {
        return (long) sum(bus.management("/observe/metrics"), "crystal_inbox_rejected_total");
    }

    private static double sum(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
