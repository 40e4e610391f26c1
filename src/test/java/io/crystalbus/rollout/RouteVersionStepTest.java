package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.support.TestSettings;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which messages the domain hands to the pilot's route version, decided again when the message is taken. */
class RouteVersionStepTest {
    private final RolloutFlags flags = new RolloutFlags(TestSettings.of(Map.of("crystal.rollout.balance.enabled", "true",
            "crystal.rollout.balance.percent", "10", "crystal.rollout.balance.pilot", "route:balance-v2")));
    private final RouteVersionStep step = new RouteVersionStep("balance", flags);

    private Exchange taken(String group) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("adjust");
        exchange.getMessage().setHeader(CrystalHeaders.ROLLOUT_GROUP, group);
        return exchange;
    }

    @Test
    void aPilotMessageIsGivenTheRouteVersionAndAControlMessageIsNot() {
        Exchange pilot = taken(RolloutDecider.PILOT);
        Exchange control = taken(RolloutDecider.CONTROL);
        step.process(pilot);
        step.process(control);
        assertThat(pilot.getProperty(RouteVersionStep.PILOT_ROUTE)).isEqualTo("balance-v2");
        assertThat(control.getProperty(RouteVersionStep.PILOT_ROUTE)).isNull();
    }

    @Test
    void aPilotMessageTakenAfterTheKillSwitchGoesToTheStepsAsControl() {
        flags.set("balance", new RolloutState(false, 1_000, "customerId", "route:balance-v2", "object", "pilot failure rate ..."));
        Exchange waiting = taken(RolloutDecider.PILOT);
        step.process(waiting);
        assertThat(waiting.getProperty(RouteVersionStep.PILOT_ROUTE)).isNull();
        assertThat(waiting.getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP)).isEqualTo(RolloutDecider.CONTROL);
    }

    @Test
    void aWireModePilotIsTheStepsBusiness() {
        flags.set("balance", new RolloutState(true, 1_000, "customerId", "cbor", "json", null));
        Exchange pilot = taken(RolloutDecider.PILOT);
        step.process(pilot);
        assertThat(pilot.getProperty(RouteVersionStep.PILOT_ROUTE)).isNull();
        assertThat(pilot.getMessage().getHeader(CrystalHeaders.ROLLOUT_GROUP)).isEqualTo(RolloutDecider.PILOT);
    }
}
