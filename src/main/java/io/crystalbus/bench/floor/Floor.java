package io.crystalbus.bench.floor;

import io.crystalbus.bench.FlowLoad;
import io.crystalbus.config.BusSettings;
import io.crystalbus.message.Clock;
import io.crystalbus.observe.LatencyTap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;

/**
 * A floor of the settlement flow, which the bench drives as it drives the bus and then closes: it counts the
 * settlements it completed (with their end-to-end latency) and the messages that failed on the way.
 */
public abstract class Floor implements FlowLoad.Target, AutoCloseable {
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LatencyTap latencies;

    protected Floor(LatencyTap latencies) {
        this.latencies = latencies;
    }

    /** The shipped settings (the jar's application.properties), read through the context as the bus reads them. */
    protected static BusSettings shippedSettings(CamelContext context) {
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        return new BusSettings(context.getPropertiesComponent());
    }

    /** A settlement completed: the wager that entered at {@code createdAtMicros} has its balance change. */
    protected final void completed(long createdAtMicros) {
        completed.increment();
        latencies.settlement(Clock.nowMicros() - createdAtMicros);
    }

    protected final void failed() {
        failed.increment();
    }

    @Override
    public final long completed() {
        return completed.sum();
    }

    @Override
    public final long errors() {
        return failed.sum();
    }
}
