package io.crystalbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.flow.Flow;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.rollout.Guardrail;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.rollout.RolloutState;
import io.crystalbus.rollout.RouteVersionFallback;
import io.crystalbus.rollout.RouteVersionStep;
import io.crystalbus.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
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
import org.apache.camel.builder.RouteBuilder;
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
 * The rollout decider, the groups' paths, the batcher and the unbatching are stand-ins here (their own tests cover
 * them), the route-version steps the real ones; what is checked is the route file: each group to its path, one by one to the
 * flow's inbox, a batched message through the batcher and {@code <flow>-batches}, a batch to unbatch split and
 * each message decided again, in order, and a flow's route versions: the steps, the version a message is
 * given, and the steps again, with the message as it came, when the version fails.
 */
class ChannelTemplateTest extends CamelTestSupport {
    private static final String PILOT_BATCHED = "batched";
    private static final String PATH = "path";
    private final AtomicInteger decisions = new AtomicInteger();
    private RolloutFlags flags;

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
        BusMetrics metrics = new BusMetrics(new SimpleMeterRegistry());
        flags = new RolloutFlags(TestSettings.of(Map.of("crystal.rollout.balance.enabled", "true", "crystal.rollout.balance.percent", "100",
                "crystal.rollout.balance.pilot", "route:balance-v2")));
        Guardrail guardrail = new Guardrail(flags, metrics, new Guardrail.Limits(30, 1_000, 0.01, 3.0));
        for (Flow flow : Flow.channelledFlows()) {
            registry.bind(flow.rolloutBean(), rolloutStandIn());
            registry.bind(flow.pathBean("pilot"), pathStandIn("pilot"));
            registry.bind(flow.pathBean("control"), pathStandIn("control"));
            registry.bind(flow.batcherBean(), batcherStandIn(flow));
            registry.bind(flow.routeVersionBean(), new RouteVersionStep(flow.id(), flags));
            registry.bind(flow.pilotFailedBean(), new RouteVersionFallback(flow.id(), flags, guardrail, metrics));
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
        List<RoutesBuilder> builders = new ArrayList<>(PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/channels.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/route-configuration.camel.yaml")));
        builders.add(new RouteBuilder() {
            @Override
            public void configure() {
                // the balance steps, and two versions of them: one that works and one that fails after changing the
                // message, with Camel's default error handler (an integrator's route that names no routeConfigurationId)
                from("direct:" + Flow.BALANCE.stepsRoute()).routeConfigurationId("caller-errors").to("mock:balance-steps");
                from("direct:balance-v2").routeConfigurationId("caller-errors").to("mock:balance-v2");
                from("direct:balance-v3").setBody(constant("changed by v3")).setHeader("v3", constant("was here")).to("mock:balance-v3")
                        .throwException(new IllegalStateException("v3 bug"));
            }
        });
        return builders.toArray(RoutesBuilder[]::new);
    }

    /** Decides like the rollout step: a list is a batch to unbatch (no group), a body "pilot-..." is a pilot. */
    private Processor rolloutStandIn() {
        return exchange -> {
            decisions.incrementAndGet();
            Message message = exchange.getMessage();
            if (message.getBody() instanceof List) {
                message.setHeader(CrystalHeaders.UNBATCH, Boolean.TRUE);
            } else {
                message.setHeader(CrystalHeaders.ROLLOUT_GROUP, message.getBody(String.class).startsWith("pilot-") ? "pilot" : "control");
            }
        };
    }

    /** A group's path: marks which path took the message; the body "batched" takes the batch path. */
    private static Processor pathStandIn(String group) {
        return exchange -> {
            exchange.getMessage().setHeader(PATH, group);
            if (PILOT_BATCHED.equals(exchange.getMessage().getBody())) {
                exchange.getMessage().setHeader(CrystalHeaders.BATCHED, Boolean.TRUE);
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
            assertThat(context.getRoute(flow.versionsRoute())).as(flow.id()).isNotNull();
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
    void theChoiceOnTheGroupTakesEachGroupsPath() throws Exception {
        MockEndpoint inbox = getMockEndpoint("mock:balance-inbox");
        inbox.expectedBodiesReceived("pilot-1", "control-1");

        template.sendBody("direct:channel-balance", "pilot-1");
        template.sendBody("direct:channel-balance", "control-1");

        inbox.assertIsSatisfied();
        assertThat(inbox.getExchanges()).extracting(exchange -> exchange.getMessage().getHeader(PATH)).containsExactly("pilot", "control");
    }

    @Test
    void aPilotMessageGoesToTheRouteVersionTheRolloutNamesAndOneThatFailsThereToTheStepsAsItCameOnce() throws Exception {
        MockEndpoint steps = getMockEndpoint("mock:balance-steps");
        steps.expectedBodiesReceived("control", "pilot failing on v3");
        getMockEndpoint("mock:balance-v2").expectedBodiesReceived("pilot on v2");
        getMockEndpoint("mock:balance-v3").expectedMessageCount(1);
        String versions = "direct:" + Flow.BALANCE.versionsRoute();

        template.sendBodyAndHeader(versions, "control", CrystalHeaders.ROLLOUT_GROUP, "control");
        template.sendBodyAndHeader(versions, "pilot on v2", CrystalHeaders.ROLLOUT_GROUP, "pilot");
        flags.set("balance", new RolloutState(true, 10_000, "customerId", "route:balance-v3", "object", null));
        template.sendBodyAndHeader(versions, "pilot failing on v3", CrystalHeaders.ROLLOUT_GROUP, "pilot");

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        Message fellBack = steps.getExchanges().get(1).getMessage();
        assertThat(fellBack.getHeader("v3")).as("the message as it came, not as v3 left it").isNull();
        assertThat(fellBack.getHeader(CrystalHeaders.ROLLOUT_GROUP)).isEqualTo("fallback");
        assertThat(flags.counts("balance").fallbacks()).isEqualTo(1);
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
