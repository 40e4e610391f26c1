package io.crystalbus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped route files on Artemis queues (crystal.transport=jms, embedded broker): the same flows, exact. */
class JmsTransportTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void wagersSingleAndInListsSettleExactlyOverTheBroker(@TempDir Path data) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString()))) {
            for (int i = 0; i < 20; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-j-" + i, "C-j")).statusCode()).isEqualTo(202);
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                list.add(Wagers.winJson("W-jl-" + i, "C-jl"));
            }
            assertThat(bus.postJson("/api/v1/wagers/settled", "[" + String.join(",", list) + "]").statusCode()).isEqualTo(202);
            // lists of collections and free-play commands cross the broker as one batch each
            assertThat(bus.postJson("/api/v1/collections", """
                    [{"collectionId":"K-jl-1","customerId":"C-jl","agentId":"A-7","currency":"USD","amount":10,"method":"bank"},
                     {"collectionId":"K-jl-2","customerId":"C-jl","agentId":"A-7","currency":"USD","amount":20,"method":"bank"}]""").statusCode())
                    .isEqualTo(202);
            assertThat(bus.postJson("/api/v1/freeplay", """
                    [{"messageId":"fp-jl-1","action":"GRANT","customerId":"C-jl","currency":"USD","amount":700},
                     {"messageId":"fp-jl-2","action":"CONSUME","customerId":"C-jl","currency":"USD","amount":100}]""").statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(balanceOf(bus, "C-j")).isEqualTo(20 * 2500L);
                assertThat(balanceOf(bus, "C-jl")).isEqualTo(5 * 2500L + 30);
                assertThat(json.readTree(bus.get("/api/v1/balances/C-jl").body()).path("freePlay").asLong()).isEqualTo(600);
            });
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }

    @Test
    void eachMessageCarriesItsCustomerAsJmsGroup(@TempDir Path data) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString()))) {
            // the balance inbox is not consumed, so the adjustment stays there to be looked at
            bus.context().getRouteController().stopRoute("balance");
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-g-1", "C-group")).statusCode()).isEqualTo(202);
            var factory = ((org.apache.camel.component.jms.JmsComponent) bus.context().getComponent("jms")).getConfiguration().getConnectionFactory();
            try (jakarta.jms.Connection connection = factory.createConnection()) {
                connection.start();
                jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    var browser = session.createBrowser(session.createQueue("crystal.balance"));
                    var messages = java.util.Collections.list(browser.getEnumeration());
                    browser.close();
                    assertThat(messages).singleElement().satisfies(message -> {
                        assertThat(((jakarta.jms.Message) message).getStringProperty("JMSXGroupID")).isEqualTo("C-group");
                        assertThat(((jakarta.jms.Message) message).getStringProperty("CrystalMessageId")).isEqualTo("wager.settled:W-g-1/balance");
                    });
                });
            }
            // the inbox gauge counts the broker queue
            assertThat(bus.bean("inboxMonitor", io.crystalbus.observe.InboxMonitor.class).depth("balance")).isEqualTo(1);
            bus.context().getRouteController().startRoute("balance");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus, "C-group")).isEqualTo(2500L));
        }
    }

    @Test
    void objectModeIsRefusedAcrossJvms(@TempDir Path data) {
        assertThatThrownBy(() -> RunningBus.start(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString(),
                "crystal.rollout.balance.control", "object")).close())
                .hasStackTraceContaining("crystal.rollout.balance.control=object cannot cross JVMs");
    }

    private long balanceOf(RunningBus bus, String customer) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong();
    }
}
