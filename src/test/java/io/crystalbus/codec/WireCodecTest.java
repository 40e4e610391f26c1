package io.crystalbus.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.TestSettings;
import io.crystalbus.support.Wagers;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final WireCodec codec = new WireCodec(new Mappers(TestSettings.codecLimits()));

    @Test
    void aMessageTakenFromABrokerQueueGoesOnAsAPlainMessageWithItsHeadersAndDecodedBody() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            JmsMessage received = new JmsMessage(exchange, null, null, null);
            received.setMessageId("ID:broker-1");
            received.setHeader("JMSMessageID", "ID:broker-1");
            received.setHeader(CrystalHeaders.TYPE, "wager.settled");
            received.setHeader(CrystalHeaders.MESSAGE_ID, "wager:W-1");
            received.setHeader(CrystalHeaders.CONTENT_TYPE, WireFormat.JSON.contentType());
            received.setBody(Wagers.winJson("W-1", "C-1").getBytes(StandardCharsets.UTF_8));
            exchange.setIn(received);

            codec.decoder().process(exchange);

            // a JmsMessage re-reads its JMS message at every copy the route makes (split, multicast, redelivery),
            // throwing and catching an exception each time: the steps after the decode copy a plain message
            assertThat(exchange.getMessage().getClass()).isEqualTo(DefaultMessage.class);
            assertThat(exchange.getMessage().getMessageId()).isEqualTo("ID:broker-1");
            assertThat(exchange.getMessage().getHeaders()).containsEntry("JMSMessageID", "ID:broker-1")
                    .containsEntry(CrystalHeaders.MESSAGE_ID, "wager:W-1").doesNotContainKey(CrystalHeaders.CONTENT_TYPE);
            assertThat(exchange.getMessage().getBody(WagerSettled.class).wagerId()).isEqualTo("W-1");
            assertThat(WireCodec.crossedABroker(exchange.getMessage())).isTrue();
        }
    }

    @Test
    void aMessageOfThisJvmIsDecodedInPlace() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            var message = exchange.getMessage();
            message.setHeader(CrystalHeaders.TYPE, "wager.settled");
            message.setHeader(CrystalHeaders.CONTENT_TYPE, WireFormat.JSON.contentType());
            message.setBody(Wagers.winJson("W-2", "C-1").getBytes(StandardCharsets.UTF_8));

            codec.decoder().process(exchange);

            assertThat(exchange.getMessage()).isSameAs(message);
            assertThat(message.getBody(WagerSettled.class).wagerId()).isEqualTo("W-2");
        }
    }
}
