package io.crystalbus.bench;

import io.crystalbus.CrystalBus;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameWriter;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.balance.BalanceService;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;

/**
 * Drives one flow of a running bus in-process, ingress-less, and measures a window after a warm-up: what
 * completed, the process's CPU and allocation per completed message, and exact latency percentiles.
 *
 * <p>At maximum rate the producers send as fast as the bounded inboxes accept (a full inbox blocks them:
 * backpressure, not loss). At a fixed rate the load is open-loop: message i of a producer is due at
 * {@code start + i / rate}, it is sent then or, when the bus is behind, at once, and its ingress time is the
 * time it was due, so a stall shows in the latency of every message it delayed (no coordinated omission).
 */
public final class FlowLoad {
    private static final Outcome[] OUTCOMES = {Outcome.WIN, Outcome.LOSS, Outcome.LOSS, Outcome.PUSH, Outcome.WIN, Outcome.VOID};
    private static final AtomicLong RUN_IDS = new AtomicLong();
    private static final Instant SETTLED_AT = Instant.now();

    /** The flows the benchmark drives: where a message enters and what counts as done. */
    public enum Flow {
        /** Settled wagers into the settlement inbox, done when the settlement completed (balance applied). */
        SETTLEMENT,
        /** Balance adjustments handed to the balance channel (as settlement, free play and collections do), done when applied. */
        BALANCE,
        /** The settlement flow's topology in plain Camel, without crystal-bus ({@code bench.floor.CamelFloor}). */
        CAMEL_FLOOR,
        /** The same topology as plain Java hand-offs ({@code bench.floor.JavaFloor}). */
        JAVA_FLOOR;

        boolean isFloor() {
            return this == CAMEL_FLOOR || this == JAVA_FLOOR;
        }
    }

    /**
     * What to drive.
     *
     * @param ratePerSecond 0 for the maximum rate, else the open-loop rate of all producers together
     * @param mode          the wire mode of the first hop (the settlement inbox): object, json, yaml or cbor
     * @param ingressBatch    settlement flow: wagers per message into the settlement inbox (as an API list or a
     *                        dropped file brings them); 1 sends each wager on its own
     */
    public record Options(Flow flow, int producers, int customers, Duration warmup, Duration measure, long ratePerSecond, String mode,
                          int ingressBatch) {
    }

    /**
     * One measured window.
     *
     * @param cpuMicrosPerMessage      process CPU time over the window divided by the messages completed in it
     * @param allocatedBytesPerMessage heap allocated by all threads over the window, per message completed
     * @param errors                   sends refused plus dead letters over the window
     * @param latency                  end-to-end latency of the settlements completed in the window (settlement flow)
     * @param hops                     per hop ({@code source->target}) latency in the window
     */
    public record Window(long completed, double seconds, double perSecond, double cpuMicrosPerMessage, long rejected,
                         double allocatedBytesPerMessage, long errors, Latencies.Percentiles latency,
                         Map<String, Latencies.Percentiles> hops) {
    }

    /** The body of a producer's {@code i}-th send (its envelope into {@code headers}), created at {@code createdAt}. */
    interface Message {
        Object body(String prefix, long i, int customers, long createdAt, Map<String, Object> headers);
    }

    /**
     * What a window drives: the bus, or a floor (the same topology without crystal-bus: {@code bench.floor}). It
     * takes messages in through its senders, one per producer thread, and counts what it completed and what
     * became an error (a dead letter); a send that throws is counted as refused.
     */
    public interface Target {
        Sender newSender() throws Exception;

        long completed();

        long errors();
    }

    /** One producer thread's way in. */
    public interface Sender extends AutoCloseable {
        void send(Object body, Map<String, Object> headers) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private FlowLoad() {
    }

    /** Runs producers for warm-up plus measurement, and reports the measurement window. */
    public static Window run(CrystalBus bus, Options options) throws Exception {
        BusMetrics metrics = bus.bean("metrics", BusMetrics.class);
        Latencies latencies = new Latencies();
        metrics.tap(latencies);
        try {
            return switch (options.flow()) {
                case SETTLEMENT -> run(busTarget(bus, "{{crystal.inbox.settlement}}", bus.bean("settlement", SettlementService.class)::completedCount),
                        wagers(bus, options.mode(), options.ingressBatch()), latencies, options);
                case BALANCE -> run(busTarget(bus, "direct:channel-balance", bus.bean("balance", BalanceService.class)::appliedCount),
                        (prefix, i, customers, createdAt, headers) -> adjustment(prefix, i, customers, headers), latencies, options);
                case CAMEL_FLOOR, JAVA_FLOOR -> throw new IllegalArgumentException(options.flow() + " runs without the bus");
            };
        } finally {
            metrics.tap(null);
        }
    }

    /** Settled wagers by reference, one per send, into a target whose completions record their latency in {@code latencies}. */
    static Window runWagers(Target target, Latencies latencies, Options options) throws Exception {
        return run(target, wagers(null, "object", 1), latencies, options);
    }

    /** The bus's endpoint, sent to as a route's {@code to} does; errors are its dead letters. */
    private static Target busTarget(CrystalBus bus, String endpoint, LongSupplier done) {
        DeadLetters deadLetters = bus.bean("deadLetters", DeadLetters.class);
        // resolved once: a send by URI string looks the endpoint up (and normalizes the URI) every time
        Endpoint target = bus.context().getEndpoint(bus.context().resolvePropertyPlaceholders(endpoint));
        return new Target() {
            @Override
            public Sender newSender() throws Exception {
                return camelSender(target);
            }

            @Override
            public long completed() {
                return done.getAsLong();
            }

            @Override
            public long errors() {
                return deadLetters.total();
            }
        };
    }

    /**
     * A producer on the endpoint, as a route's `to` has: a ProducerTemplate would add its own unit of work per
     * message (in a profile of the batched balance flow, about 30% of all samples).
     */
    public static Sender camelSender(Endpoint target) throws Exception {
        Producer producer = target.createProducer();
        producer.start();
        return new Sender() {
            @Override
            public void send(Object body, Map<String, Object> headers) throws Exception {
                Exchange exchange = target.createExchange(ExchangePattern.InOnly);
                exchange.getMessage().getHeaders().putAll(headers);
                exchange.getMessage().setBody(body);
                producer.process(exchange);
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
            }

            @Override
            public void close() throws Exception {
                producer.stop();
            }
        };
    }

    private static Window run(Target target, Message message, Latencies latencies, Options options) throws Exception {
        long run = RUN_IDS.incrementAndGet();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder rejected = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        // a send carries ingressBatch wagers, so sends are that many times further apart at a fixed rate
        long periodNanos = options.ratePerSecond() <= 0 ? 0
                : TimeUnit.SECONDS.toNanos(options.producers()) * Math.max(1, options.ingressBatch()) / options.ratePerSecond();
        try {
            for (int p = 0; p < options.producers(); p++) {
                String prefix = "r" + run + "p" + p;
                Sender sender = target.newSender();
                senders.add(sender);
                Thread thread = new Thread(() -> produce(sender, message, prefix, options.customers(), periodNanos, stop, rejected),
                        "bench-producer-" + p);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(options.warmup().toMillis());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean memory = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long completedBefore = target.completed();
            long cpuBefore = os.getProcessCpuTime();
            long allocatedBefore = memory.getTotalThreadAllocatedBytes();
            long rejectedBefore = rejected.sum();
            long deadBefore = target.errors();
            latencies.reset();
            Instant start = Instant.now();
            Thread.sleep(options.measure().toMillis());
            long completed = target.completed() - completedBefore;
            long cpuNanos = os.getProcessCpuTime() - cpuBefore;
            long allocated = memory.getTotalThreadAllocatedBytes() - allocatedBefore;
            Latencies.Percentiles latency = latencies.settlementWindow();
            Map<String, Latencies.Percentiles> hops = latencies.hopWindows();
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            long refused = rejected.sum() - rejectedBefore;
            long errors = refused + target.errors() - deadBefore;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            return new Window(completed, seconds, completed / seconds, perMessage(cpuNanos / 1_000.0, completed), refused,
                    perMessage(allocated, completed), errors, latency, hops);
        } finally {
            for (Sender sender : senders) {
                sender.close();
            }
        }
    }

    static double perMessage(double total, long messages) {
        return messages == 0 ? Double.NaN : total / messages;
    }

    private static void produce(Sender sender, Message message, String prefix, int customers, long periodNanos,
                                AtomicBoolean stop, LongAdder rejected) {
        long i = 0;
        Map<String, Object> headers = new HashMap<>();
        long startNanos = System.nanoTime();
        while (!stop.get()) {
            long createdAt;
            if (periodNanos > 0) {
                long due = startNanos + i * periodNanos;
                // parkNanos may return early: a message sent before it is due would show a latency too short
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                // the due time on the bus's clock: now, less how late the message is. Anchoring the whole run to
                // one wall-clock reading instead let the two clocks' drift shift every latency (on this VM by
                // more than a hop's worth within a minute)
                createdAt = Clock.nowMicros() - (System.nanoTime() - due) / 1_000;
            } else {
                createdAt = Clock.nowMicros();
            }
            Object body = message.body(prefix, i, customers, createdAt, headers);
            headers.put(CrystalHeaders.SOURCE, "bench");
            headers.put(CrystalHeaders.CREATED_AT, createdAt);
            try {
                sender.send(body, headers);
            } catch (Exception e) {
                rejected.increment();
            }
            i++;
        }
    }

    /**
     * Settled wagers, encoded for the first hop unless the mode is object; with {@code perSend > 1} a batch of
     * that many per send (by reference, or a frame in the mode's format), all due at the send's time.
     */
    private static Message wagers(CrystalBus bus, String mode, int perSend) {
        WireFormat format = mode == null ? null : WireFormat.ofMode(mode);
        var mapper = format == null ? null : bus.bean("mappers", Mappers.class).forFormat(format);
        if (perSend > 1) {
            return (prefix, i, customers, createdAt, headers) -> {
                List<BatchItem<?>> items = new ArrayList<>(perSend);
                for (long n = i * perSend; n < (i + 1) * perSend; n++) {
                    Object wager = wager(prefix, n, customers, headers);
                    items.add(new BatchItem<>((String) headers.get(CrystalHeaders.MESSAGE_ID), (String) headers.get(CrystalHeaders.CORRELATION_ID),
                            createdAt, wager));
                }
                headers.put(CrystalHeaders.MESSAGE_ID, "batch:" + prefix + "-" + i);
                headers.put(CrystalHeaders.CORRELATION_ID, "batch:" + prefix + "-" + i);
                headers.put(CrystalHeaders.BATCH_SIZE, perSend);
                if (mapper == null) {
                    return new Batch(items);
                }
                headers.put(CrystalHeaders.CONTENT_TYPE, format.contentType());
                FrameWriter frame = new FrameWriter(mapper, Compression.NONE, perSend * 256);
                items.forEach(frame::add);
                return frame.finish();
            };
        }
        return (prefix, i, customers, createdAt, headers) -> {
            Object wager = wager(prefix, i, customers, headers);
            if (mapper == null) {
                return wager;
            }
            headers.put(CrystalHeaders.CONTENT_TYPE, format.contentType());
            try {
                return mapper.writeValueAsBytes(wager);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        };
    }

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
