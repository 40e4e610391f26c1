package io.crystalbus.bench.floor;

import io.crystalbus.bench.FlowLoad;
import io.crystalbus.config.BusSettings;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.LatencyTap;
import io.crystalbus.transport.Inboxes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The settlement flow's topology as plain Java hand-offs: a bounded blocking queue per inbox (the shipped sizes
 * and consumer threads), each hop a call and a put, the same follow-ups as {@link CamelFloor}. It is what the JVM
 * costs for those hops on this machine: the floor under the Camel floor.
 */
public final class JavaFloor extends Floor {
    /** A message between two threads: its body by reference and when it entered the flow. */
    private record Handoff(Object body, long createdAt) {
    }

    private final List<Thread> workers = new ArrayList<>();
    private final long offerTimeoutMs;
    private final BlockingQueue<Handoff> settlement;
    private final BlockingQueue<Handoff> distributions;
    private final BlockingQueue<Handoff> freePlay;
    private final BlockingQueue<Handoff> balance;
    private volatile boolean stopped;

    public JavaFloor(LatencyTap latencies) {
        super(latencies);
        // the shipped settings, read as the bus reads them (a context only for its properties; never started)
        BusSettings settings = shippedSettings(new DefaultCamelContext());
        this.offerTimeoutMs = Inboxes.queueSetting(settings, "settlement", "offer-timeout-ms");
        this.settlement = new ArrayBlockingQueue<>(Inboxes.queueSetting(settings, "settlement", "size"));
        this.distributions = new ArrayBlockingQueue<>(Inboxes.queueSetting(settings, "distributions", "size"));
        this.freePlay = new ArrayBlockingQueue<>(Inboxes.queueSetting(settings, "free-play", "size"));
        this.balance = new ArrayBlockingQueue<>(Inboxes.queueSetting(settings, "balance", "size"));
        // the consumers once every queue exists
        startConsumers(settings, "settlement", settlement, this::settle);
        startConsumers(settings, "distributions", distributions, handoff -> { });
        startConsumers(settings, "free-play", freePlay,
                handoff -> put(balance, new Handoff(FloorWork.winnings((FreePlayCommand) handoff.body()), handoff.createdAt())));
        startConsumers(settings, "balance", balance, change -> completed(change.createdAt()));
    }

    private void startConsumers(BusSettings settings, String domain, BlockingQueue<Handoff> queue, Consumer<Handoff> consumer) {
        long pollMs = Inboxes.queueSetting(settings, domain, "poll-timeout-ms");
        for (int i = Inboxes.queueSetting(settings, domain, "consumers"); i > 0; i--) {
            Thread worker = new Thread(() -> consume(queue, pollMs, consumer), "floor-" + domain + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    private void consume(BlockingQueue<Handoff> queue, long pollMs, Consumer<Handoff> consumer) {
        while (!stopped) {
            try {
                Handoff handoff = queue.poll(pollMs, TimeUnit.MILLISECONDS);
                if (handoff != null) {
                    consumer.accept(handoff);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failed();
            }
        }
    }

    private void settle(Handoff wager) {
        for (FloorWork.FollowUp followUp : FloorWork.followUps((WagerSettled) wager.body())) {
            BlockingQueue<Handoff> target = switch (followUp.type()) {
                case FloorWork.COMMISSION -> distributions;
                case FloorWork.FREE_PLAY -> freePlay;
                default -> balance;
            };
            put(target, new Handoff(followUp.body(), wager.createdAt()));
        }
    }

    /** Blocks while the queue is full, up to the offer timeout, as a SEDA inbox does; then refuses. */
    private void put(BlockingQueue<Handoff> queue, Handoff handoff) {
        try {
            if (!queue.offer(handoff, offerTimeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("inbox full for " + offerTimeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FlowLoad.Sender newSender() {
        return (body, headers) -> put(settlement, new Handoff(body, (Long) headers.get(CrystalHeaders.CREATED_AT)));
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread worker : workers) {
            worker.join(5_000);
        }
    }
}
