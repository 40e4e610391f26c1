package io.crystalbus.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SEDA hop as crystal-bus's inboxes configure it (bounded, blocking when full): messages per second a
 * producer hands to a consumer route that does nothing else, so the queue's backpressure makes the producer's
 * rate the hop's rate. {@code plain} is a bare route; {@code redelivery} gives it a dead-letter channel with
 * redelivery, which copies the exchange before each step, as the domain routes have.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SedaHopBenchmark {
    @Param({"1", "4"})
    public int consumers;

    @Param({"plain", "redelivery"})
    public String errorHandling;

    private CamelContext context;
    private Endpoint inbox;
    private Producer producer;
    private final LongAdder consumed = new LongAdder();
    private final Object body = new Object();

    @Setup(Level.Trial)
    public void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if ("redelivery".equals(errorHandling)) {
                    errorHandler(deadLetterChannel("log:dead").maximumRedeliveries(3).redeliveryDelay(50).useOriginalMessage());
                }
                from("seda:hop?size=10000&blockWhenFull=true&concurrentConsumers=" + consumers)
                        .process(exchange -> consumed.increment())
                        .process(exchange -> exchange.getMessage().setHeader("Done", Boolean.TRUE));
            }
        });
        context.start();
        inbox = context.getEndpoint("seda:hop?size=10000&blockWhenFull=true&concurrentConsumers=" + consumers);
        producer = inbox.createProducer();
        producer.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.stop();
    }

    @Benchmark
    public void hop() throws Exception {
        Exchange exchange = inbox.createExchange(ExchangePattern.InOnly);
        exchange.getMessage().setHeader("CrystalMessageId", "m");
        exchange.getMessage().setBody(body);
        producer.process(exchange);
    }
}
