package io.crystalbus.bench.floor;

import io.crystalbus.bench.FlowLoad;
import io.crystalbus.config.BusSettings;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.LatencyTap;
import io.crystalbus.transport.Inboxes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The settlement flow's topology in plain Camel: the bus's SEDA inboxes (the shipped sizes and consumers), the
 * split of a wager's follow-ups, the choice by type, a direct channel before each inbox, the free-play hop
 * to balance and the direct call that completes the settlement; bodies by reference, Java DSL, no JMX, no route
 * policies, no domain work beyond {@link FloorWork}. It is what Camel itself costs for those hops on this machine.
 */
public final class CamelFloor extends Floor {
    private final CamelContext context = new DefaultCamelContext();
    private final BusSettings settings;

    public CamelFloor(LatencyTap latencies) throws Exception {
        super(latencies);
        context.disableJMX();
        settings = shippedSettings(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(exchange -> failed());
                from(Inboxes.sedaUri(settings, "settlement")).routeId("floor-settlement")
                        .process(exchange -> exchange.getMessage().setBody(FloorWork.followUps(exchange.getMessage().getBody(WagerSettled.class))))
                        .split(body()).stopOnException()
                            .process(CamelFloor::unwrap)
                            .choice()
                                .when(header(CrystalHeaders.TYPE).isEqualTo(FloorWork.COMMISSION)).to("direct:channel-distributions")
                                .when(header(CrystalHeaders.TYPE).isEqualTo(FloorWork.FREE_PLAY)).to("direct:channel-free-play")
                                .otherwise().to("direct:channel-balance");
                for (String flow : new String[] {"distributions", "free-play", "balance"}) {
                    from("direct:channel-" + flow).routeId("floor-channel-" + flow).to(Inboxes.sedaUri(settings, flow));
                }
                from(Inboxes.sedaUri(settings, "distributions")).routeId("floor-distributions").process(exchange -> { });
                from(Inboxes.sedaUri(settings, "free-play")).routeId("floor-free-play")
                        .process(exchange -> exchange.getMessage().setBody(FloorWork.winnings(exchange.getMessage().getBody(FreePlayCommand.class))))
                        .setHeader(CrystalHeaders.TYPE, constant(FloorWork.BALANCE))
                        .to("direct:channel-balance");
                from(Inboxes.sedaUri(settings, "balance")).routeId("floor-balance").to("direct:settlement-completed");
                from("direct:settlement-completed").routeId("floor-settlement-completed").process(CamelFloor.this::complete);
            }
        });
        context.start();
    }

    private static void unwrap(Exchange exchange) {
        FloorWork.FollowUp followUp = exchange.getMessage().getBody(FloorWork.FollowUp.class);
        exchange.getMessage().setHeader(CrystalHeaders.TYPE, followUp.type());
        exchange.getMessage().setBody(followUp.body());
    }

    private void complete(Exchange exchange) {
        completed(exchange.getMessage().getHeader(CrystalHeaders.CREATED_AT, Long.class));
    }

    @Override
    public FlowLoad.Sender newSender() throws Exception {
        return FlowLoad.camelSender(context.getEndpoint(Inboxes.sedaUri(settings, "settlement")));
    }

    @Override
    public void close() {
        context.stop();
    }
}
