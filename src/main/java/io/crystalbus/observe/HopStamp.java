package io.crystalbus.observe;

import io.crystalbus.message.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Stamps the send time on every message offered to a domain inbox ({@code CrystalSentAt}, epoch
 * microseconds), whatever the transport; the receiving route's policy turns it into the hop latency.
 */
public final class HopStamp extends EventNotifierSupport {
    private final InboxMonitor inboxes;

    public HopStamp(InboxMonitor inboxes) {
        this.inboxes = inboxes;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSendingEvent sending = (ExchangeSendingEvent) event;
        if (inboxes.domainOf(sending.getEndpoint()) != null) {
            Exchange exchange = sending.getExchange();
            exchange.getMessage().setHeader(DomainMetricsPolicyFactory.SENT_AT, Clock.nowMicros());
        }
    }
}
