package io.crystalbus.bench;

import io.crystalbus.CrystalBus;
import io.crystalbus.domain.balance.BalanceService;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
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
import java.util.function.LongSupplier;
import org.apache.camel.Endpoint;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;

/**
 * Drives one flow of a running bus in-process, ingress-less, at the maximum rate the bounded inboxes accept
 * (a full inbox blocks the producer: backpressure, not loss), and measures what a measurement window
 * completed and what CPU the whole process spent on it.
 */
public final class FlowLoad {
    private static final Outcome[] OUTCOMES = {Outcome.WIN, Outcome.LOSS, Outcome.LOSS, Outcome.PUSH, Outcome.WIN, Outcome.VOID};
    private static final AtomicLong RUN_IDS = new AtomicLong();

    /** The flows the benchmark drives: where a message enters and what counts as done. */
    public enum Flow {
        /** Settled wagers into the settlement inbox, done when the settlement completed (balance applied). */
        SETTLEMENT,
        /** Balance adjustments handed to the balance channel (as settlement, free play and collections do), done when applied. */
        BALANCE
    }

    /**
     * One measured window.
     *
     * @param cpuMicrosPerMessage process CPU time over the window divided by the messages completed in it
     */
    public record Window(long completed, double seconds, double perSecond, double cpuMicrosPerMessage, long rejected) {
    }

    private interface Message {
        Object body(String prefix, long i, int customers, Map<String, Object> headers);
    }

    private FlowLoad() {
    }

    /** Runs producers for warm-up plus measurement, and reports the measurement window. */
    public static Window run(CrystalBus bus, Flow flow, int producers, int customers, Duration warmup, Duration measure) throws Exception {
        return switch (flow) {
            case SETTLEMENT -> run(bus, "{{crystal.inbox.settlement}}", FlowLoad::wager,
                    bus.bean("settlement", SettlementService.class)::completedCount, producers, customers, warmup, measure);
            case BALANCE -> run(bus, "direct:channel-balance", FlowLoad::adjustment,
                    bus.bean("balance", BalanceService.class)::appliedCount, producers, customers, warmup, measure);
        };
    }

    private static Window run(CrystalBus bus, String endpoint, Message message, LongSupplier done, int producers, int customers,
                              Duration warmup, Duration measure) throws Exception {
        // resolved once: a send by URI string looks the endpoint up (and normalizes the URI) every time
        Endpoint target = bus.context().getEndpoint(bus.context().resolvePropertyPlaceholders(endpoint));
        long run = RUN_IDS.incrementAndGet();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder rejected = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Producer> producerEndpoints = new ArrayList<>();
        try {
            for (int p = 0; p < producers; p++) {
                String prefix = "r" + run + "p" + p;
                // a producer on the endpoint, as a route's `to` has: a ProducerTemplate would add its own unit of
                // work per message: in a profile of the batched balance flow, about 30% of all samples
                Producer producer = target.createProducer();
                producer.start();
                producerEndpoints.add(producer);
                Thread thread = new Thread(() -> produce(producer, target, message, prefix, customers, stop, rejected), "bench-producer-" + p);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(warmup.toMillis());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long completedBefore = done.getAsLong();
            long cpuBefore = os.getProcessCpuTime();
            long rejectedBefore = rejected.sum();
            Instant start = Instant.now();
            Thread.sleep(measure.toMillis());
            long completed = done.getAsLong() - completedBefore;
            long cpuNanos = os.getProcessCpuTime() - cpuBefore;
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            return new Window(completed, seconds, completed / seconds,
                    completed == 0 ? Double.NaN : cpuNanos / 1_000.0 / completed, rejected.sum() - rejectedBefore);
        } finally {
            for (Producer producer : producerEndpoints) {
                producer.stop();
            }
        }
    }

    private static void produce(Producer producer, Endpoint target, Message message, String prefix, int customers,
                                AtomicBoolean stop, LongAdder rejected) {
        long i = 0;
        Map<String, Object> headers = new HashMap<>();
        while (!stop.get()) {
            Object body = message.body(prefix, i, customers, headers);
            headers.put(CrystalHeaders.SOURCE, "bench");
            headers.put(CrystalHeaders.CREATED_AT, Clock.nowMicros());
            Exchange exchange = target.createExchange(ExchangePattern.InOnly);
            exchange.getMessage().getHeaders().putAll(headers);
            exchange.getMessage().setBody(body);
            try {
                producer.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                rejected.increment();
            }
            i++;
        }
    }

    private static final Instant SETTLED_AT = Instant.now();

    private static Object wager(String prefix, long i, int customers, Map<String, Object> headers) {
        Outcome outcome = OUTCOMES[(int) (i % OUTCOMES.length)];
        String wagerId = "W-" + prefix + "-" + i;
        headers.put(CrystalHeaders.MESSAGE_ID, "wager:" + wagerId);
        headers.put(CrystalHeaders.TYPE, "wager.settled");
        headers.put(CrystalHeaders.CORRELATION_ID, "wager:" + wagerId);
        return new WagerSettled(null, wagerId, "C-" + (i * 7919 % customers), "A-" + (i % 20), "USD",
                1_000L, outcome == Outcome.WIN ? 2_500L : 0L, outcome, i % 10 == 0, SETTLED_AT);
    }

    private static Object adjustment(String prefix, long i, int customers, Map<String, Object> headers) {
        String id = "adj:" + prefix + "-" + i;
        headers.put(CrystalHeaders.MESSAGE_ID, id);
        headers.put(CrystalHeaders.TYPE, "balance.adjust");
        headers.put(CrystalHeaders.CORRELATION_ID, id);
        return new BalanceAdjust("C-" + (i * 7919 % customers), "USD", 100 + i % 900, AdjustReason.COLLECTION, "K-" + prefix + "-" + i);
    }
}
