package io.crystalbus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.JarProcess;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.TestKeystore;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's acceptor: nobody gets in without the login, with a keystore only over TLS, and what comes
 * in is checked like API input.
 */
class BrokerSecurityTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBrokerThatListensWithoutALoginDoesNotStart(@TempDir Path data) {
        assertThatThrownBy(() -> RunningBus.start(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString(),
                "crystal.broker.listen", "tcp://127.0.0.1:" + JarProcess.freePort())).close())
                .hasMessageContaining("crystal.broker.listen is tcp://127.0.0.1:").hasMessageContaining(BrokerLogin.PASSWORD_ENV);
    }

    @Test
    void nobodyCreditsABalanceThroughTheAcceptorWithoutTheLoginAndBadMessagesBecomeDeadLetters(@TempDir Path data) throws Exception {
        int port = JarProcess.freePort();
        String acceptor = "tcp://127.0.0.1:" + port;
        try (RunningBus bus = RunningBus.start(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString(),
                "crystal.broker.listen", acceptor, "crystal.broker.password", "broker-s3cret", "camel.server.maxBodySize", "65536"))) {
            try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(acceptor)) {
                assertThatThrownBy(anonymous::createConnection).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> anonymous.createConnection("crystal", "guess")).isInstanceOf(JMSSecurityException.class);
            }
            // the bus itself logs in: its own flow works
            assertThat(bus.postJson("/api/v1/collections", "{\"collectionId\":\"K-b-1\",\"customerId\":\"C-b\",\"agentId\":\"A-1\","
                    + "\"currency\":\"USD\",\"amount\":500,\"method\":\"bank\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balance(bus, "C-b")).isEqualTo(500));

            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(acceptor);
                 Connection connection = factory.createConnection("crystal", "broker-s3cret")) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("crystal.balance"));
                producer.send(message(session, "{\"customerId\": 12, \"amount\": \"lots\"".getBytes(StandardCharsets.UTF_8)));
                producer.send(message(session, new byte[100_000]));
                // decodes, but breaks the rules the API applies to a wager
                MessageProducer settlement = session.createProducer(session.createQueue("crystal.settlement"));
                BytesMessage wager = message(session, ("{\"wagerId\":\"W-forged\",\"customerId\":\"C-forged\",\"agentId\":\"A-1\","
                        + "\"currency\":\"USD\",\"stake\":-5,\"payout\":100000000,\"outcome\":\"WIN\"}").getBytes(StandardCharsets.UTF_8));
                wager.setStringProperty("CrystalType", "wager.settled");
                settlement.send(wager);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode letters = json.readTree(bus.get("/api/v1/dead-letters?kind=failed").body());
                assertThat(letters.path("deadLetters").findValuesAsText("error"))
                        .anySatisfy(error -> assertThat(error).contains("cannot be decoded"))
                        .anySatisfy(error -> assertThat(error).contains("larger than 65536 bytes"));
                assertThat(letters.path("deadLetters").findValuesAsText("stage")).contains("settlement");
            });
            assertThat(bus.get("/api/v1/balances/C-forged").statusCode()).isEqualTo(404);
            assertThat(balance(bus, "C-b")).isEqualTo(500);
        }
    }

    @Test
    void withAKeystoreTheAcceptorSpeaksTlsOnlyAndStillRequiresTheLogin(@TempDir Path data) throws Exception {
        String acceptor = "tcp://127.0.0.1:" + JarProcess.freePort();
        Map<String, String> settings = new HashMap<>(TestKeystore.settings());
        settings.putAll(Map.of("crystal.transport", "jms", "crystal.data.dir", data.toString(), "crystal.broker.listen", acceptor,
                "crystal.broker.password", "broker-s3cret"));
        try (RunningBus bus = RunningBus.start(settings)) {
            String overTls = acceptor + "?sslEnabled=true;trustStorePath=" + TestKeystore.truststore() + ";trustStorePassword="
                    + TestKeystore.PASSWORD + ";trustStoreType=PKCS12";
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(overTls);
                 Connection connection = factory.createConnection("crystal", "broker-s3cret")) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertThat(session.createBrowser(session.createQueue("crystal.balance")).getEnumeration()).isNotNull();
            }
            try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory(overTls)) {
                assertThatThrownBy(anonymous::createConnection).isInstanceOf(JMSSecurityException.class);
            }
            try (ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(acceptor + "?callTimeout=3000;initialConnectAttempts=1;reconnectAttempts=0")) {
                assertThatThrownBy(() -> plain.createConnection("crystal", "broker-s3cret").close()).isInstanceOf(JMSException.class);
            }
        }
    }

    private static BytesMessage message(Session session, byte[] body) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        message.setStringProperty("CrystalType", "balance.adjust");
        message.setStringProperty("CrystalMessageId", "forged-" + body.length);
        message.setStringProperty("Content_HYPHEN_Type", "application/json");
        return message;
    }

    private long balance(RunningBus bus, String customer) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong();
    }
}
