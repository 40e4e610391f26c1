package io.crystalbus.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.trace.FieldMask;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one adapter between Camel and a domain service: a single message and a batch reach the service the same
 * way, and its refusals become a thrown error (single) or a dead letter per item (batch).
 */
class DomainStepTest {
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final DeadLetters deadLetters = new DeadLetters(new DeadLetters.Shelf(100, null), new DeadLetters.Shelf(100, null),
            new BusMetrics(new SimpleMeterRegistry()), new ObjectMapper(), new FieldMask(Set.of()));
    private final Deliveries deliveries = new Deliveries(new Batches(new FrameReader(new Mappers(new CodecLimits(1 << 20, 32, 1 << 16, 100)), 1 << 20)));
    private final List<List<BatchItem<BalanceAdjust>>> calls = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private static BalanceAdjust credit(String customer, long amount) {
        return new BalanceAdjust(customer, "USD", amount, AdjustReason.COLLECTION, "ref");
    }

    /** A stand-in domain: forwards every credit under {@code <id>/next}, refuses customer C-bad. */
    private Handled<Object> forwardOrRefuse(List<BatchItem<BalanceAdjust>> items) {
        calls.add(items);
        List<BatchItem<Object>> results = new ArrayList<>();
        List<Handled.Refused> refused = new ArrayList<>();
        for (BatchItem<BalanceAdjust> item : items) {
            if (item.message().customerId().equals("C-bad")) {
                refused.add(new Handled.Refused(item, new RejectedMessageException("bad-customer", "no such customer")));
            } else {
                results.add(new BatchItem<>(item.messageId() + "/next", item.correlationId(), item.createdAt(), item.message()));
                results.add(new BatchItem<>(item.messageId() + "/commission", item.correlationId(), item.createdAt(),
                        new CommissionAccrued("A-1", item.message().customerId(), "W", "USD", 1, "2026-W48")));
            }
        }
        return new Handled<>(results, refused);
    }

    private DomainStep<BalanceAdjust> step(Function<List<BatchItem<BalanceAdjust>>, Handled<?>> service, Results results) {
        return new DomainStep<>("test-domain", BalanceAdjust.class, service, results, deliveries, new Refusals(deadLetters));
    }

    private Exchange single(String id, Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(CrystalHeaders.MESSAGE_ID, id);
        exchange.getMessage().setHeader(CrystalHeaders.CORRELATION_ID, "corr");
        exchange.getMessage().setHeader(CrystalHeaders.CREATED_AT, 42L);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private Exchange batch(String id, BatchItem<?>... items) {
        Exchange exchange = single(id, new Batch(List.of(items)));
        exchange.getMessage().setHeader(CrystalHeaders.BATCH_SIZE, items.length);
        exchange.getMessage().setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_ADJUST.wireName());
        return exchange;
    }

    @Test
    void aSingleMessageReachesTheServiceAsAListOfOneWithItsEnvelopeAndBecomesItsFollowUps() throws Exception {
        Exchange exchange = single("m1", credit("C-1", 5));

        step(this::forwardOrRefuse, new FollowUps()).process(exchange);

        assertThat(calls).singleElement().satisfies(items -> assertThat(items).containsExactly(new BatchItem<>("m1", "corr", 42L, credit("C-1", 5))));
        List<?> followUps = exchange.getMessage().getBody(List.class);
        assertThat(followUps).hasSize(2).allSatisfy(m -> assertThat(((Message) m).getHeader(CrystalHeaders.SOURCE)).isEqualTo("test-domain"));
        Message first = (Message) followUps.get(0);
        assertThat(first.getHeader(CrystalHeaders.MESSAGE_ID)).isEqualTo("m1/next");
        assertThat(first.getHeader(CrystalHeaders.TYPE)).isEqualTo("balance.adjust");
        assertThat(first.getHeader(CrystalHeaders.CORRELATION_ID)).isEqualTo("corr");
        assertThat(((Message) followUps.get(1)).getHeader(CrystalHeaders.TYPE)).isEqualTo("commission.accrued");
    }

    @Test
    void aRefusedSingleMessageIsThrownForTheRoutesErrorHandler() {
        assertThatThrownBy(() -> step(this::forwardOrRefuse, new FollowUps()).process(single("m1", credit("C-bad", 5))))
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> assertThat(e.reason()).isEqualTo("bad-customer"));
        assertThat(deadLetters.total()).as("the error handler records it, not the step").isZero();
    }

    @Test
    void aBatchsRefusedItemBecomesItsOwnDeadLetterAndTheRestGoOnAsOneBatchPerType() throws Exception {
        Exchange exchange = batch("b1", new BatchItem<>("m1", "c1", 1L, credit("C-1", 5)),
                new BatchItem<>("m2", "c2", 2L, credit("C-bad", 6)), new BatchItem<>("m3", "c3", 3L, credit("C-3", 7)));

        step(this::forwardOrRefuse, new FollowUps()).process(exchange);

        assertThat(calls).singleElement().satisfies(items -> assertThat(items).hasSize(3));
        assertThat(deadLetters.newest(10)).singleElement().satisfies(letter -> {
            assertThat(letter.messageId()).isEqualTo("m2");
            assertThat(letter.reason()).isEqualTo("bad-customer");
        });
        assertThat(exchange.getMessage().getHeader(CrystalHeaders.BATCH_REJECTED)).isEqualTo(1);
        List<?> followUps = exchange.getMessage().getBody(List.class);
        assertThat(followUps).extracting(m -> ((Message) m).getHeader(CrystalHeaders.MESSAGE_ID))
                .containsExactly("b1/balance.adjust", "b1/commission.accrued");
        Message adjustments = (Message) followUps.get(0);
        assertThat(adjustments.getHeader(CrystalHeaders.BATCH_SIZE)).isEqualTo(2);
        assertThat(adjustments.getBody(Batch.class).items()).extracting(BatchItem::messageId).containsExactly("m1/next", "m3/next");
    }

    @Test
    void aReplacedBodyIsTheOneResultOrNullAndABatchWithoutResultsIsNullToo() throws Exception {
        DomainStep<BalanceAdjust> handOn = step(items -> new Handled<>(items.stream()
                .filter(item -> item.message().amount() > 0)
                .map(item -> new BatchItem<>(item.messageId() + "/balance", item.correlationId(), item.createdAt(), item.message()))
                .toList(), List.of()), ReplacedBody.handedOn(MessageType.BALANCE_ADJUST, "balance"));

        Exchange one = single("m1", credit("C-1", 5));
        handOn.process(one);
        assertThat(one.getMessage().getBody()).isEqualTo(credit("C-1", 5));
        assertThat(one.getMessage().getHeader(CrystalHeaders.MESSAGE_ID)).isEqualTo("m1/balance");
        assertThat(one.getMessage().getHeader(CrystalHeaders.SENT_AT)).isNotNull();

        Exchange none = single("m2", credit("C-1", 0));
        handOn.process(none);
        assertThat(none.getMessage().getBody()).isNull();

        Exchange batch = batch("b1", new BatchItem<>("m3", "c3", 3L, credit("C-1", 1)), new BatchItem<>("m4", "c4", 4L, credit("C-1", 2)));
        handOn.process(batch);
        assertThat(batch.getMessage().getHeader(CrystalHeaders.MESSAGE_ID)).isEqualTo("b1/balance");
        assertThat(batch.getMessage().getHeader(CrystalHeaders.BATCH_SIZE)).isEqualTo(2);
        assertThat(batch.getMessage().getBody(Batch.class).items()).extracting(BatchItem::messageId).containsExactly("m3/balance", "m4/balance");

        Exchange emptied = batch("b2", new BatchItem<>("m5", "c5", 5L, credit("C-1", 0)));
        handOn.process(emptied);
        assertThat(emptied.getMessage().getBody()).isNull();
        assertThat(emptied.getMessage().getHeader(CrystalHeaders.BATCH_SIZE)).isEqualTo(0);
    }
}
