package io.crystalbus.bench;

import io.crystalbus.CrystalBus;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Drives the settlement flow of a running bus in-process, ingress-less, at the maximum rate the bounded inboxes
 * accept (a full inbox blocks the producer: backpressure, not loss), and measures what a measurement window
 * completed and what CPU the whole process spent on it.
 */
public final class SettlementLoad {
    private static final Outcome[] OUTCOMES = {Outcome.WIN, Outcome.LOSS, Outcome.LOSS, Outcome.PUSH, Outcome.WIN, Outcome.VOID};
    private static final AtomicLong RUN_IDS = new AtomicLong();

    /**
     * One measured window.
     *
     * @param cpuMicrosPerMessage process CPU time over the window divided by the settlements completed in it
     */
    public record Window(long completed, double seconds, double perSecond, double cpuMicrosPerMessage, long rejected) {
    }

    private SettlementLoad() {
    }

    /** Runs producers for warm-up plus measurement, and reports the measurement window. */
    public static Window run(CrystalBus bus, int producers, int customers, Duration warmup, Duration measure) throws Exception {
        SettlementService settlement = bus.bean("settlement", SettlementService.class);
        String inbox = bus.context().resolvePropertyPlaceholders("{{crystal.inbox.settlement}}");
        long run = RUN_IDS.incrementAndGet();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder rejected = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        try (ProducerTemplate template = bus.context().createProducerTemplate()) {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread thread = new Thread(() -> produce(template, inbox, "r" + run + "p" + producer, customers, stop, rejected),
                        "bench-producer-" + p);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(warmup.toMillis());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long completedBefore = settlement.completedCount();
            long cpuBefore = os.getProcessCpuTime();
            long rejectedBefore = rejected.sum();
            Instant start = Instant.now();
            Thread.sleep(measure.toMillis());
            long completed = settlement.completedCount() - completedBefore;
            long cpuNanos = os.getProcessCpuTime() - cpuBefore;
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            return new Window(completed, seconds, completed / seconds,
                    completed == 0 ? Double.NaN : cpuNanos / 1_000.0 / completed, rejected.sum() - rejectedBefore);
        }
    }

    private static void produce(ProducerTemplate template, String inbox, String prefix, int customers, AtomicBoolean stop, LongAdder rejected) {
        Instant settledAt = Instant.now();
        long i = 0;
        Map<String, Object> headers = new HashMap<>();
        while (!stop.get()) {
            Outcome outcome = OUTCOMES[(int) (i % OUTCOMES.length)];
            String wagerId = "W-" + prefix + "-" + i;
            boolean freePlay = i % 10 == 0;
            WagerSettled wager = new WagerSettled(null, wagerId, "C-" + (i * 7919 % customers), "A-" + (i % 20), "USD",
                    1_000L, outcome == Outcome.WIN ? 2_500L : 0L, outcome, freePlay, settledAt);
            headers.put(CrystalHeaders.MESSAGE_ID, "wager:" + wagerId);
            headers.put(CrystalHeaders.TYPE, "wager.settled");
            headers.put(CrystalHeaders.SOURCE, "bench");
            headers.put(CrystalHeaders.CORRELATION_ID, "wager:" + wagerId);
            headers.put(CrystalHeaders.CREATED_AT, Clock.nowMicros());
            try {
                template.sendBodyAndHeaders(inbox, ExchangePattern.InOnly, wager, headers);
            } catch (RuntimeException e) {
                rejected.increment();
            }
            i++;
        }
    }
}
