package io.crystalbus.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.batch.BatchSettings;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.domain.distributions.PayoutRun;
import io.crystalbus.domain.freeplay.FreePlayService;
import io.crystalbus.egress.PayoutFiles;
import io.crystalbus.flow.Flow;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.DistributionRunRequest;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.SettlementCompleted;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.observe.BusMetrics;
import io.crystalbus.observe.trace.FieldMask;
import io.crystalbus.support.TestSettings;
import io.crystalbus.wiring.CodecBeans;
import io.crystalbus.wiring.DomainBeans;
import io.crystalbus.wiring.DomainStores;
import io.crystalbus.wiring.settings.DomainSettings;
import io.crystalbus.wiring.settings.InputSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped settlement, balance, free-play and distributions route files on Camel's test kit with the real
 * domain steps on memory stores, no HTTP: a single wager and a batch of wagers take the same routes (no choice on
 * the batch size) and end as the same balance changes and completions; a wager refused inside a batch becomes its
 * own dead letter; a free-play win reaches the cash balance through free play; a payout run writes its files once.
 * The channels between the domains and the route versions are plain hand-offs here ({@code ChannelTemplateTest}
 * covers them).
 */
class DomainRoutesTest extends CamelTestSupport {
    private DeadLetters deadLetters;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = RouteTestSettings.withoutRedelivery();
        properties.setProperty(Flow.SETTLEMENT.inboxProperty(), "direct:settlement-inbox");
        properties.setProperty(Flow.BALANCE.inboxProperty(), "direct:balance-inbox");
        properties.setProperty(Flow.FREE_PLAY.inboxProperty(), "direct:free-play-inbox");
        properties.setProperty(Flow.DISTRIBUTIONS.inboxProperty(), "direct:distributions-inbox");
        properties.setProperty("crystal.outbox.payouts", "mock:payouts");
        properties.setProperty("crystal.outbox.balance-changed", "mock:balance-changed");
        properties.setProperty("crystal.outbox.settlements", "mock:settlements");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        BusMetrics metrics = new BusMetrics(new SimpleMeterRegistry());
        CodecBeans codecs = new CodecBeans(InputSettings.from(TestSettings.of(Map.of())));
        codecs.bindTo(registry::bind);
        deadLetters = new DeadLetters(new DeadLetters.Shelf(100, null), new DeadLetters.Shelf(100, null), metrics,
                new com.fasterxml.jackson.databind.ObjectMapper(), new FieldMask(Set.of()));
        registry.bind("deadLetters", deadLetters);
        new DomainBeans(DomainSettings.from(TestSettings.of(Map.of())), DomainStores.memory(1_000, 1_000), metrics)
                .bindTo(registry::bind, codecs.batches(), deadLetters);
        registry.bind("payoutFiles", new PayoutFiles(BatchSettings.of(TestSettings.of(Map.of()), "payouts"), codecs.mappers()));
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new java.util.ArrayList<>(PluginHelper.getRoutesLoader(context).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/settlement.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/balance.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/free-play.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/distributions.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/route-configuration.camel.yaml")));
        builders.add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:channel-balance").to("{{" + Flow.BALANCE.inboxProperty() + "}}");
                from("direct:channel-distributions").to("mock:commissions").to("{{" + Flow.DISTRIBUTIONS.inboxProperty() + "}}");
                from("direct:channel-free-play").to("{{" + Flow.FREE_PLAY.inboxProperty() + "}}");
                // no route versions on trial here: each domain's versions route calls its steps
                for (Flow flow : Flow.channelledFlows()) {
                    from("direct:" + flow.versionsRoute()).to("direct:" + flow.stepsRoute());
                }
            }
        });
        return builders.toArray(RoutesBuilder[]::new);
    }

    private static WagerSettled wager(String wagerId, String customer, String currency, Outcome outcome, boolean freePlay) {
        return new WagerSettled(null, wagerId, customer, "A-1", currency, 1000L, 2500L, outcome, freePlay, Instant.parse("2026-11-27T12:00:00Z"));
    }

    private static WagerSettled win(String wagerId, String customer, String currency) {
        return wager(wagerId, customer, currency, Outcome.WIN, false);
    }

    private void sendWager(String messageId, WagerSettled wager) {
        send("direct:settlement-inbox", messageId, MessageType.WAGER_SETTLED.wireName(), wager);
    }

    private void send(String inbox, String messageId, String type, Object body) {
        template.sendBodyAndHeaders(inbox, body, Map.of(CrystalHeaders.MESSAGE_ID, messageId, CrystalHeaders.TYPE, type,
                CrystalHeaders.CORRELATION_ID, messageId, CrystalHeaders.CREATED_AT, 1L));
    }

    private long balanceOf(String customer) {
        return context.getRegistry().lookupByNameAndType("ledger", Ledger.class).balance(customer).orElseThrow().balance();
    }

    @Test
    void aSingleWagerIsSettledOnceAlsoWhenItIsDeliveredTwice() throws Exception {
        MockEndpoint changed = getMockEndpoint("mock:balance-changed");
        changed.expectedMessageCount(1);
        changed.expectedHeaderReceived(CrystalHeaders.MESSAGE_ID, "m1/balance");
        getMockEndpoint("mock:settlements").expectedMessageCount(1);
        getMockEndpoint("mock:commissions").expectedMessageCount(2);

        // direct inboxes: each send returns once both domains handled it
        sendWager("m1", win("W-1", "C-1", "USD"));
        sendWager("m1", win("W-1", "C-1", "USD"));

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        assertThat(changed.getExchanges().get(0).getMessage().getBody(BalanceChanged.class).balance()).isEqualTo(2500);
        assertThat(getMockEndpoint("mock:settlements").getExchanges().get(0).getMessage().getBody(SettlementCompleted.class).wagerId())
                .isEqualTo("W-1");
        assertThat(balanceOf("C-1")).as("the repeat applied nothing").isEqualTo(2500);
    }

    @Test
    void aBatchOfWagersTakesTheSameRoutesAndARefusedOneBecomesItsOwnDeadLetter() throws Exception {
        context.getRegistry().lookupByNameAndType("ledger", Ledger.class)
                .apply("opening", new BalanceAdjust("C-usd", "USD", 1, BalanceAdjust.AdjustReason.COLLECTION, "K-0"));
        MockEndpoint changed = getMockEndpoint("mock:balance-changed");
        changed.expectedMessageCount(1);
        changed.expectedHeaderReceived(CrystalHeaders.BATCH_SIZE, 2);
        MockEndpoint settlements = getMockEndpoint("mock:settlements");
        settlements.expectedMessageCount(1);

        List<BatchItem<?>> wagers = List.of(new BatchItem<>("m1", "m1", 1L, win("W-1", "C-1", "USD")),
                new BatchItem<>("m2", "m2", 1L, win("W-2", "C-usd", "EUR")),
                new BatchItem<>("m3", "m3", 1L, win("W-3", "C-3", "USD")));
        template.sendBodyAndHeaders("direct:settlement-inbox", new Batch(wagers), Map.of(CrystalHeaders.MESSAGE_ID, "b1",
                CrystalHeaders.TYPE, MessageType.WAGER_SETTLED.wireName(), CrystalHeaders.BATCH_SIZE, 3));

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        assertThat(changed.getExchanges().get(0).getMessage().getBody(Batch.class).items())
                .extracting(BatchItem::messageId).containsExactly("m1/balance", "m3/balance");
        assertThat(settlements.getExchanges().get(0).getMessage().getBody(Batch.class).items()).hasSize(2);
        assertThat(deadLetters.newest(10)).singleElement().satisfies(letter -> {
            assertThat(letter.messageId()).isEqualTo("m2");
            assertThat(letter.reason()).isEqualTo("currency-mismatch");
        });
        assertThat(balanceOf("C-1")).isEqualTo(2500);
        assertThat(balanceOf("C-usd")).as("the refused wager credited nothing").isEqualTo(1);
    }

    @Test
    void aFreePlayWinReachesTheCashBalanceThroughFreePlay() throws Exception {
        send("direct:free-play-inbox", "g1", FreePlayAction.GRANT.wireName(),
                new FreePlayCommand(null, FreePlayAction.GRANT, "C-fp", "USD", 1000L, null, null));
        getMockEndpoint("mock:settlements").expectedMessageCount(1);

        sendWager("m1", wager("W-fp", "C-fp", "USD", Outcome.WIN, true));

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        assertThat(balanceOf("C-fp")).as("the winnings, never the free stake").isEqualTo(1500);
        assertThat(context.getRegistry().lookupByNameAndType(Flow.FREE_PLAY.bean(), FreePlayService.class).credits()
                .creditOf("C-fp").orElseThrow().amount()).isEqualTo(1000);
    }

    @Test
    void aPayoutRunWritesItsFilesOnceAndIsCompleted() throws Exception {
        sendWager("m1", wager("W-l1", "C-1", "USD", Outcome.LOSS, false));
        sendWager("m2", wager("W-l2", "C-2", "USD", Outcome.LOSS, false));
        MockEndpoint payouts = getMockEndpoint("mock:payouts");
        payouts.expectedMessageCount(2);

        DistributionRunRequest run = new DistributionRunRequest(null, "R-1", "2026-W48");
        send("direct:distributions-inbox", "run-1", MessageType.DISTRIBUTION_RUN.wireName(), run);
        send("direct:distributions-inbox", "run-1", MessageType.DISTRIBUTION_RUN.wireName(), run);

        MockEndpoint.assertIsSatisfied(context, 5, TimeUnit.SECONDS);
        assertThat(payouts.getExchanges()).extracting(e -> e.getMessage().getHeader(Exchange.FILE_NAME, String.class))
                .as("one payout file and its manifest, once: the repeat finds the run completed")
                .containsExactly("payouts-2026-W48-R-1-0001.json.gz", "payouts-2026-W48-R-1.manifest.json");
        DistributionService distributions = context.getRegistry().lookupByNameAndType(Flow.DISTRIBUTIONS.bean(), DistributionService.class);
        assertThat(distributions.runStatus("R-1")).get().satisfies(status -> {
            assertThat(status.state()).isEqualTo(PayoutRun.State.COMPLETED);
            assertThat(status.totals()).containsEntry("USD", 100L);
        });
    }
}
