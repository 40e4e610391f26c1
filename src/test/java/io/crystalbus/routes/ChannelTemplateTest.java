package io.crystalbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.flow.Flow;
import io.crystalbus.message.CrystalHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code channels.camel.yaml} on Camel's test kit, without HTTP or the rest of the bus: each flow's
 * channel is an instance of the {@code channel} template that routes by what the flow's rollout step decided.
 * The rollout step, the batcher and the unbatching are stand-ins here (their own tests cover them); what is
 * checked is the route file: one by one to the flow's inbox, a batched message through the batcher and
 * {@code <flow>-batches}, a batch to unbatch split and each message decided again, in order.
 */
class ChannelTemplateTest extends CamelTestSupport {
    private static final String PILOT_BATCHED = "batched";
    private final AtomicInteger decisions = new AtomicInteger();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = RouteTestSettings.withoutRedelivery();
        for (Flow flow : Flow.all()) {
            properties.setProperty(flow.inboxProperty(), "mock:" + flow.id() + "-inbox");
        }
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        for (Flow flow : Flow.channelledFlows()) {
            registry.bind(flow.rolloutBean(), rolloutStandIn());
            registry.bind(flow.batcherBean(), batcherStandIn(flow));
        }
        registry.bind("batches", new UnbatchStandIn());
        registry.bind("deadLetters", new Object() {
            @SuppressWarnings("unused")
            public void record(Exchange exchange) {
                throw new AssertionError("nothing here should become a dead letter: " + exchange.getMessage().getBody());
            }
        });
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/channels.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/route-configuration.camel.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    /** Decides like the rollout step: a list is a batch to unbatch, the body "batched" takes a batch path. */
    private Processor rolloutStandIn() {
        return exchange -> {
            decisions.incrementAndGet();
            Message message = exchange.getMessage();
            message.setHeader(CrystalHeaders.ROLLOUT_GROUP, "control");
            if (message.getBody() instanceof List) {
                message.setHeader(CrystalHeaders.UNBATCH, Boolean.TRUE);
            } else if (PILOT_BATCHED.equals(message.getBody())) {
                message.setHeader(CrystalHeaders.BATCHED, Boolean.TRUE);
            }
        };
    }

    /** Completes every message as a batch of its own, sent on as the real batcher sends: to direct:<flow>-batches. */
    private static Processor batcherStandIn(Flow flow) {
        return exchange -> {
            ProducerTemplate producer = exchange.getContext().createProducerTemplate();
            producer.sendBodyAndHeader("direct:" + flow.batchesRoute(), "batch of " + exchange.getMessage().getBody(),
                    CrystalHeaders.BATCH_SIZE, 1);
            producer.close();
        };
    }

    /** The batch's items as single messages, as {@code batches.unbatch} returns them. */
    public static final class UnbatchStandIn {
        public List<Message> unbatch(Message batch) {
            List<Message> messages = new ArrayList<>();
            for (Object item : batch.getBody(List.class)) {
                Message message = new DefaultMessage(batch.getExchange().getContext());
                message.setBody(item);
                messages.add(message);
            }
            return messages;
        }
    }

    @Test
    void everyChannelledFlowHasItsChannelAndBatchesRouteFromTheTemplates() {
        for (Flow flow : Flow.channelledFlows()) {
            assertThat(context.getRoute(flow.channelRoute())).as(flow.id()).isNotNull();
            assertThat(context.getRoute(flow.batchesRoute())).as(flow.id()).isNotNull();
            assertThat(context.getRoute(flow.channelRoute()).getEndpoint().getEndpointUri()).isEqualTo("direct://" + flow.channelRoute());
        }
        assertThat(context.getRoute("channel-settlement")).as("settlement has no channel").isNull();
    }

    @Test
    void aMessageOnAOneByOnePathGoesToItsFlowsInboxAsItIs() throws Exception {
        MockEndpoint inbox = getMockEndpoint("mock:free-play-inbox");
        inbox.expectedBodiesReceived("grant-1");
        getMockEndpoint("mock:balance-inbox").expectedMessageCount(0);

        template.sendBody("direct:channel-free-play", "grant-1");

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        assertThat(inbox.getExchanges().get(0).getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP)).isEqualTo("control");
    }

    @Test
    void aMessageOnABatchPathGoesThroughTheBatcherAndTheBatchesRoute() throws Exception {
        NotifyBuilder batchesDone = new NotifyBuilder(context).fromRoute(Flow.BALANCE.batchesRoute()).whenExactlyDone(1).create();
        MockEndpoint inbox = getMockEndpoint("mock:balance-inbox");
        inbox.expectedBodiesReceived("batch of " + PILOT_BATCHED);
        inbox.expectedHeaderReceived(CrystalHeaders.BATCH_SIZE, 1);

        template.sendBody("direct:channel-balance", PILOT_BATCHED);

        assertThat(batchesDone.matches(5, TimeUnit.SECONDS)).isTrue();
        inbox.assertIsSatisfied();
    }

    @Test
    void aBatchToUnbatchIsSplitAndEachMessageDecidedAgainInOrder() throws Exception {
        MockEndpoint inbox = getMockEndpoint("mock:distributions-inbox");
        inbox.expectedBodiesReceived("commission-1", "batch of " + PILOT_BATCHED, "commission-3");

        template.sendBody("direct:channel-distributions", List.of("commission-1", PILOT_BATCHED, "commission-3"));

        inbox.assertIsSatisfied();
        // the batch, then each of its three messages
        assertThat(decisions.get()).isEqualTo(4);
    }
}
