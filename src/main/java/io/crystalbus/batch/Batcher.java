package io.crystalbus.batch;

import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.observe.BusMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers a flow's messages into batches and sends each batch, as one exchange, to {@code direct:<flow>-batches}
 * (a route in the flow's route file hands it to the receiving inbox).
 *
 * <p>Written here rather than as an aggregation strategy on Camel's {@code aggregate} EIP because that EIP
 * sends a completed group from whichever thread completed it (a producer on size, its timeout checker on
 * time) and outside its lock, so batch n+1 can overtake batch n; and its time completion is either a
 * per-group inactivity timeout or a global interval, not the age of the batch. Here messages join the open
 * batch under one lock (their order inside it is their arrival order), sealed batches wait in a bounded FIFO
 * and one sender thread delivers them in order, so a key's messages keep their order inside and across
 * batches. A full FIFO blocks the producers (backpressure, as a full inbox does).
 *
 * <p>Nothing is stranded: stopping or suspending the route seals the open batch ({@link #prepareShutdown}),
 * the route counts the unsent messages as pending ({@link #getPendingExchangesSize}) so Camel's graceful
 * shutdown waits for them, and the sender drains the FIFO before it stops.
 *
 * <p>On the durable transport ({@link BatchSettings#acrossMessages()} false) nothing waits in memory: a message's
 * own items (the follow-ups of a list) become batches at once, sent from the caller's thread inside the broker
 * transaction that acknowledges the message, and a failed send fails the message (it is redelivered). An open
 * batch gathering several messages would hold messages already acknowledged upstream, which a crash loses.
 */
public final class Batcher extends ServiceSupport implements Processor, CamelContextAware, ShutdownAware {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    private static final long IDLE_WAIT_MILLIS = 100;

    private final BatchSettings settings;
    private final Mappers mappers;
    private final BusMetrics metrics;
    private final String target;
    private final ReentrantLock lock = new ReentrantLock();
    private final BlockingQueue<SealedBatch> sealed;
    private final AtomicInteger unsent = new AtomicInteger();
    private final String idPrefix;
    private CamelContext context;
    private ProducerTemplate producer;
    private ExecutorService sender;
    private volatile boolean running;
    private volatile OpenBatch open;
    private final AtomicLong sequence = new AtomicLong();

    public Batcher(BatchSettings settings, Mappers mappers, BusMetrics metrics) {
        this.settings = settings;
        this.mappers = mappers;
        this.metrics = metrics;
        this.target = "direct:" + settings.flow() + "-batches";
        this.sealed = new ArrayBlockingQueue<>(settings.maxPending());
        this.idPrefix = settings.flow() + "-batch-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /**
     * Adds the message to the open batch, or each message of a {@link Batch} body in its order; returns once
     * they are in (blocks while the sender is behind).
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String type = message.getHeader(CrystalHeaders.TYPE, String.class);
        if (!settings.acrossMessages()) {
            sendNow(type, message.getBody() instanceof Batch batch ? batch.items() : List.of(itemOf(message)));
            return;
        }
        if (message.getBody() instanceof Batch batch) {
            lock.lockInterruptibly();
            try {
                for (BatchItem<?> item : batch.items()) {
                    join(type, item);
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        BatchItem<Object> item = itemOf(message);
        lock.lockInterruptibly();
        try {
            join(type, item);
        } finally {
            lock.unlock();
        }
    }

    private static BatchItem<Object> itemOf(Message message) {
        return new BatchItem<>(Envelope.messageId(message), message.getHeader(CrystalHeaders.CORRELATION_ID, String.class),
                message.getHeader(CrystalHeaders.CREATED_AT, Long.class), message.getBody());
    }

    /** The items as batches of their own (split only by the size limits), each sent before this returns. */
    private void sendNow(String type, List<? extends BatchItem<?>> items) throws Exception {
        OpenBatch batch = null;
        for (BatchItem<?> item : items) {
            if (batch == null) {
                batch = new OpenBatch(type, settings, mappers, items.size());
            }
            batch.add(item);
            String full = batch.fullBy(settings);
            if (full != null) {
                send(batch.seal(sequence.incrementAndGet(), full));
                batch = null;
            }
        }
        if (batch != null) {
            send(batch.seal(sequence.incrementAndGet(), "message"));
        }
    }

    /** Under the lock: the item joins the open batch, which is sealed when a type change or a limit says so. */
    private void join(String type, BatchItem<?> item) throws InterruptedException {
        if (open != null && !open.type.equals(type)) {
            seal("type");
        }
        if (open == null) {
            open = new OpenBatch(type, settings, mappers, settings.maxSize());
        }
        open.add(item);
        unsent.incrementAndGet();
        String full = open.fullBy(settings);
        if (full != null) {
            seal(full);
        }
    }

    /** Seals the open batch now, whatever its size (a stop, a suspend, or a caller that wants it sent). */
    public void flush() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (open != null) {
                seal("flush");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: moves the open batch to the FIFO, waiting while the FIFO is full. */
    private void seal(String reason) throws InterruptedException {
        OpenBatch batch = open;
        open = null;
        sealed.put(batch.seal(sequence.incrementAndGet(), reason));
    }

    private void sendLoop() {
        while (running || unsent.get() > 0) {
            try {
                SealedBatch batch = sealed.poll(waitMillis(), TimeUnit.MILLISECONDS);
                if (batch != null) {
                    deliver(batch);
                } else {
                    sealIfDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Until the open batch is due; at most {@link #IDLE_WAIT_MILLIS}, so a stop is noticed soon. */
    private long waitMillis() {
        OpenBatch batch = open;
        if (batch == null || !running) {
            return running ? IDLE_WAIT_MILLIS : 0;
        }
        long due = batch.openedAtNanos + TimeUnit.MILLISECONDS.toNanos(settings.maxAgeMillis()) - System.nanoTime();
        return Math.min(IDLE_WAIT_MILLIS, Math.max(0, TimeUnit.NANOSECONDS.toMillis(due)));
    }

    /**
     * Seals a batch past its age. Never waits: not for the lock (its holder may be a producer waiting for FIFO
     * space that only this thread makes) and not on the FIFO.
     */
    private void sealIfDue() throws InterruptedException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (open != null && sealed.remainingCapacity() > 0 && (!running
                    || System.nanoTime() - open.openedAtNanos >= TimeUnit.MILLISECONDS.toNanos(settings.maxAgeMillis()))) {
                seal(running ? "age" : "flush");
            }
        } finally {
            lock.unlock();
        }
    }

    /** From the sender thread: a batch that fails is logged (its messages were acknowledged when they joined). */
    private void deliver(SealedBatch batch) {
        try {
            send(batch);
        } catch (Exception e) {
            LOG.error("Batch {} of {} {} messages could not be delivered to {}", batch.sequence, batch.size, settings.flow(), target, e);
        } finally {
            unsent.addAndGet(-batch.size);
        }
    }

    private void send(SealedBatch batch) throws Exception {
        Exchange result = producer.send(target, exchange -> batch.fill(exchange.getMessage(), idPrefix));
        if (result.getException() != null) {
            throw result.getException();
        }
        metrics.batchCompleted(settings.flow(), batch.reason, batch.size, batch.ageMicros, codecName(),
                batch.encodedBytes, batch.frameBytes());
    }

    private String codecName() {
        return settings.wireFormat() == null ? "object" : settings.compression().contentEncoding();
    }

    // ---- lifecycle: Camel starts and stops the processors of a route, and asks them before a shutdown

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    protected void doStart() {
        producer = context.createProducerTemplate();
        running = true;
        sender = context.getExecutorServiceManager().newSingleThreadExecutor(this, "batcher-" + settings.flow());
        sender.execute(this::sendLoop);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        flush();
        sender.shutdown();
        if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Batcher {} stopped with {} messages unsent", settings.flow(), unsent.get());
            sender.shutdownNow();
        }
        producer.stop();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return unsent.get();
    }

    public BatchSettings settings() {
        return settings;
    }

    /** The batch messages join: its items in arrival order, encoded as they join unless passed by reference. */
    private static final class OpenBatch {
        final String type;
        final long openedAtNanos = System.nanoTime();
        final WireFormat format;
        final Compression compression;
        final List<BatchItem<?>> items;
        final FrameWriter frame;
        int size;

        /**
         * @param expectedItems how many items it will likely hold: sizes its buffers, so a batch of one message's
         *                      items (the durable transport's) does not reserve room for a full gathering batch
         */
        OpenBatch(String type, BatchSettings settings, Mappers mappers, int expectedItems) {
            this.type = type;
            this.format = settings.wireFormat();
            this.compression = settings.compression();
            int capacity = Math.min(Math.min(settings.maxSize(), expectedItems), 4096);
            this.items = format == null ? new ArrayList<>(capacity) : null;
            this.frame = format == null ? null : new FrameWriter(mappers.forFormat(format), compression,
                    (int) Math.min(Math.min(settings.maxBytes() / 2, 1 << 20), 1024L * capacity));
        }

        void add(BatchItem<?> item) {
            if (frame == null) {
                items.add(item);
            } else {
                frame.add(item);
            }
            size++;
        }

        /** The limit the batch reached ("size" or "bytes"), or null while it can take more. */
        String fullBy(BatchSettings settings) {
            return size >= settings.maxSize() ? "size" : encodedBytes() >= settings.maxBytes() ? "bytes" : null;
        }

        long encodedBytes() {
            return frame == null ? 0 : frame.encodedBytes();
        }

        SealedBatch seal(long sequence, String reason) {
            Object body = frame == null ? new Batch(List.copyOf(items)) : frame.finish();
            return new SealedBatch(sequence, type, size, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - openedAtNanos), body, encodedBytes(), format, compression, reason);
        }
    }

    private record SealedBatch(long sequence, String type, int size, long ageMicros, Object body, long encodedBytes,
                               WireFormat format, Compression compression, String reason) {

        long frameBytes() {
            return body instanceof byte[] bytes ? bytes.length : 0;
        }

        void fill(Message message, String idPrefix) {
            message.setHeader(CrystalHeaders.MESSAGE_ID, idPrefix + sequence);
            message.setHeader(CrystalHeaders.TYPE, type);
            message.setHeader(CrystalHeaders.SOURCE, "batch");
            message.setHeader(CrystalHeaders.BATCH_SIZE, size);
            message.setHeader(CrystalHeaders.SENT_AT, Clock.nowMicros());
            if (format != null) {
                message.setHeader(CrystalHeaders.CONTENT_TYPE, format.contentType());
                if (compression != Compression.NONE) {
                    message.setHeader(CrystalHeaders.CONTENT_ENCODING, compression.contentEncoding());
                }
            }
            message.setBody(body);
        }
    }
}
