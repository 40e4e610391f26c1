package io.crystalbus.integrator.reload;

import io.crystalbus.batch.Batcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaConsumer;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Brings the bus to a standstill for a moment without refusing anything: every inbox consumer stops taking
 * messages (they wait in their queues; senders keep sending into them), the messages already taken finish
 * their routes, and the batchers deliver what they hold. Then no exchange is inside a {@code direct:}
 * channel, so routes can be swapped without one being rejected half-way.
 *
 * <p>Camel's own route suspension is not used: for a SEDA consumer it waits until the queue is empty, which
 * under traffic it never is. Suspending the consumer service only stops its polling.
 */
final class InboxPause implements AutoCloseable {
    private static final long POLL_MILLIS = 10;

    private final CamelContext context;
    private final List<SedaConsumer> paused = new ArrayList<>();

    private InboxPause(CamelContext context) {
        this.context = context;
    }

    /** Pauses every inbox consumer and waits, at most {@code timeout}, until nothing is in flight. */
    static InboxPause begin(CamelContext context, Duration timeout) throws Exception {
        InboxPause pause = new InboxPause(context);
        try {
            pause.pauseConsumers();
            pause.awaitQuiet(timeout);
            return pause;
        } catch (Exception | Error e) {
            pause.close();
            throw e;
        }
    }

    /**
     * Holds one more endpoint on each SEDA queue while routes are swapped: Camel drops a queue, with the
     * messages in it, once no endpoint refers to it any more, which removing the only route on it would do.
     */
    static void keepQueues(CamelContext context) {
        for (var endpoint : List.copyOf(context.getEndpoints())) {
            if (endpoint instanceof SedaEndpoint seda && !seda.getEndpointUri().contains(KEEPER_OPTION)) {
                String uri = seda.getEndpointUri();
                // an option at its default value: the same queue, but an endpoint of its own
                context.getEndpoint(uri + (uri.contains("?") ? "&" : "?") + KEEPER_OPTION, SedaEndpoint.class).getQueue();
            }
        }
    }

    private static final String KEEPER_OPTION = "waitForTaskToComplete=IfReplyExpected";

    private void pauseConsumers() throws Exception {
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof SedaConsumer consumer && consumer.isStarted()) {
                ServiceHelper.suspendService(consumer);
                paused.add(consumer);
            }
        }
    }

    private void awaitQuiet(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight() > 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the bus did not go quiet within " + timeout.toSeconds() + " s: "
                        + inFlight() + " messages still in flight");
            }
            for (Batcher batcher : context.getRegistry().findByType(Batcher.class)) {
                if (batcher.isStarted()) {
                    batcher.flush();
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Exchanges inside routes (HTTP requests excepted: they only put into inboxes) plus unsent batch items. */
    private int inFlight() {
        int count = 0;
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof SedaConsumer) {
                count += context.getInflightRepository().size(route.getRouteId());
            }
        }
        for (Batcher batcher : context.getRegistry().findByType(Batcher.class)) {
            count += batcher.getPendingExchangesSize();
        }
        return count;
    }

    /** Resumes the consumers paused that still run (a swapped route's consumer was stopped and replaced). */
    @Override
    public void close() throws Exception {
        for (SedaConsumer consumer : paused) {
            if (consumer.isSuspended()) {
                ServiceHelper.resumeService(consumer);
            }
        }
    }
}
