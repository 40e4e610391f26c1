package io.crystalbus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.observe.BusMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batcher on its own: completion on size, age and bytes, order per key, and nothing stranded on stop or suspend. */
class BatcherTest {
    record Item(String key, int seq, String padding) {
    }

    private final Mappers mappers = new Mappers(new CodecLimits(4 << 20, 32, 65536, 10_000));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<List<BatchItem<Item>>> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    private CamelContext context;
    private ProducerTemplate producer;
    private volatile boolean receiverFails;

    private void start(BatchSettings settings) throws Exception {
        Batcher batcher = new Batcher(settings, mappers, new BusMetrics(registry));
        Batches batches = new Batches(new FrameReader(mappers, 1 << 20));
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:channel").routeId("channel").startupOrder(20).process(batcher);
                from("direct:test-batches").routeId("test-batches").startupOrder(10)
                        .process(e -> {
                            if (receiverFails) {
                                throw new IllegalStateException("the receiving inbox is down");
                            }
                            received.add(batches.items(e.getMessage(), Item.class));
                        });
            }
        });
        context.start();
        producer = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void send(String key, int seq) {
        send(key, seq, "");
    }

    private void send(String key, int seq, String padding) {
        producer.sendBodyAndHeaders("direct:channel", ExchangePattern.InOnly, new Item(key, seq, padding),
                Map.of(CrystalHeaders.MESSAGE_ID, key + "-" + seq, CrystalHeaders.TYPE, "test.item"));
    }

    private static BatchSettings settings(int maxSize, long maxBytes, long maxAgeMillis, String format, Compression compression) {
        return new BatchSettings("test", maxSize, maxBytes, maxAgeMillis, format, compression, 2, true);
    }

    /** As on the durable transport: a batch holds one message's items. */
    private static BatchSettings oneMessageAtATime(int maxSize) {
        return new BatchSettings("test", maxSize, 1 << 20, 3_600_000, "json", Compression.NONE, 2, false);
    }

    private int receivedCount() {
        synchronized (received) {
            return received.stream().mapToInt(List::size).sum();
        }
    }

    private double completions(String reason) {
        var counter = registry.find(BusMetrics.BATCH_COMPLETIONS).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBatchCompletesWhenItIsFullAndTheRestWaitsForItsAge() throws Exception {
        start(settings(10, 1 << 20, 60_000, "object", Compression.NONE));
        for (int i = 0; i < 25; i++) {
            send("k", i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        // the rest (5 items) must wait for its age (60 s): the duration is the subject, a third batch would be early
        Thread.sleep(200);
        assertThat(received).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(10));
        assertThat(completions("size")).isEqualTo(2);
    }

    @Test
    void aBatchCompletesAtItsAgeWhenTrafficStops() throws Exception {
        start(settings(1000, 1 << 20, 50, "json", Compression.ZSTD));
        for (int i = 0; i < 3; i++) {
            send("k", i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0)).extracting(item -> item.message().seq()).containsExactly(0, 1, 2);
        assertThat(completions("age")).isEqualTo(1);
        assertThat(registry.find(BusMetrics.BATCH_AGE).timer().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aBatchCompletesOnEncodedBytesBeforeItIsFull() throws Exception {
        start(settings(1000, 2000, 60_000, "json", Compression.GZIP));
        String padding = "x".repeat(180);
        int one = mappers.json().writeValueAsBytes(new BatchItem<>("k-10", null, null, new Item("k", 10, padding))).length;
        for (int i = 0; i < 60; i++) {
            send("k", i, padding);
        }
        // a batch seals with the message that takes its encoded size to 2,000 bytes or more
        int perBatch = (int) Math.ceil(2000.0 / (one + 1));
        int full = 60 / perBatch;
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= full);
        assertThat(received.subList(0, full)).allSatisfy(batch -> assertThat(batch.size()).isBetween(perBatch - 1, perBatch + 1));
        assertThat(completions("bytes")).isEqualTo(full);
        double encoded = registry.find(BusMetrics.BATCH_BYTES).tag("stage", "encoded").counter().count();
        double compressed = registry.find(BusMetrics.BATCH_BYTES).tag("stage", "compressed").counter().count();
        assertThat(encoded / full).isBetween(2000.0, 2000.0 + one + 2);
        assertThat(compressed).isLessThan(encoded / 5);
        assertThat(registry.find(BusMetrics.BATCH_RATIO).tag("codec", "gzip").gauge().value()).isGreaterThan(5);
    }

    @Test
    void eachKeyKeepsItsOrderInsideAndAcrossBatchesUnderConcurrentProducers() throws Exception {
        start(settings(37, 1 << 20, 2, "cbor", Compression.LZ4));
        int producers = 4;
        int perKey = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        for (int p = 0; p < producers; p++) {
            String key = "key-" + p;
            pool.execute(() -> {
                for (int i = 0; i < perKey; i++) {
                    send(key, i);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedCount() == producers * perKey);
        Map<String, Integer> last = new HashMap<>();
        synchronized (received) {
            for (List<BatchItem<Item>> batch : received) {
                for (BatchItem<Item> item : batch) {
                    int previous = last.getOrDefault(item.message().key(), -1);
                    assertThat(item.message().seq()).as(item.messageId()).isEqualTo(previous + 1);
                    last.put(item.message().key(), item.message().seq());
                }
            }
        }
        assertThat(last).hasSize(producers).allSatisfy((key, seq) -> assertThat(seq).isEqualTo(perKey - 1));
    }

    @Test
    void stoppingTheContextMidBatchDeliversTheOpenBatch() throws Exception {
        start(settings(1000, 1 << 20, 3_600_000, "json", Compression.ZSTD));
        for (int i = 0; i < 123; i++) {
            send("k", i);
        }
        assertThat(received).isEmpty();
        context.stop();
        assertThat(receivedCount()).isEqualTo(123);
        assertThat(completions("flush")).isEqualTo(1);
    }

    @Test
    void suspendingTheRouteMidBatchDeliversTheOpenBatch() throws Exception {
        start(settings(1000, 1 << 20, 3_600_000, "object", Compression.NONE));
        for (int i = 0; i < 7; i++) {
            send("k", i);
        }
        context.getRouteController().suspendRoute("channel");
        await().atMost(Duration.ofSeconds(5)).until(() -> receivedCount() == 7);
        context.getRouteController().resumeRoute("channel");
        send("k", 7);
        context.stop();
        assertThat(receivedCount()).isEqualTo(8);
    }

    @Test
    void aMessageOfAnotherTypeStartsANewBatch() throws Exception {
        start(settings(1000, 1 << 20, 3_600_000, "object", Compression.NONE));
        send("k", 0);
        producer.send("direct:channel", exchange -> {
            exchange.setMessage(new DefaultMessage(context));
            exchange.getMessage().setBody(new Item("k", 1, ""));
            exchange.getMessage().setHeader(CrystalHeaders.MESSAGE_ID, "k-1");
            exchange.getMessage().setHeader(CrystalHeaders.TYPE, "other.item");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(completions("type")).isEqualTo(1);
    }

    @Test
    void withoutBatchesAcrossMessagesAMessagesItemsAreSentBeforeItsSenderGoesOn() throws Exception {
        start(oneMessageAtATime(3));
        List<BatchItem<?>> items = new ArrayList<>();
        for (int seq = 0; seq < 7; seq++) {
            items.add(new BatchItem<>("k-" + seq, null, null, new Item("k", seq, "")));
        }
        producer.sendBodyAndHeaders("direct:channel", ExchangePattern.InOnly, new Batch(items), Map.of(CrystalHeaders.TYPE, "test.item"));
        // no waiting: the age (an hour) never completes anything here
        assertThat(received).extracting(List::size).containsExactly(3, 3, 1);
        send("k", 7);
        assertThat(received).extracting(List::size).containsExactly(3, 3, 1, 1);
        assertThat(received.get(3).get(0).message().seq()).isEqualTo(7);
        assertThat(completions("size")).isEqualTo(2);
        assertThat(completions("message")).isEqualTo(2);
    }

    @Test
    void withoutBatchesAcrossMessagesAFailedSendFailsTheMessageSoItIsRedelivered() throws Exception {
        start(oneMessageAtATime(10));
        receiverFails = true;
        var result = producer.send("direct:channel", exchange -> {
            exchange.getMessage().setBody(new Item("k", 0, ""));
            exchange.getMessage().setHeader(CrystalHeaders.MESSAGE_ID, "k-0");
            exchange.getMessage().setHeader(CrystalHeaders.TYPE, "test.item");
        });
        assertThat(result.getException()).hasMessageContaining("the receiving inbox is down");
        assertThat(received).isEmpty();
    }
}
