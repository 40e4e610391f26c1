package io.crystalbus.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.observe.InboxMonitor;
import io.crystalbus.security.ServerTls;
import io.crystalbus.config.BusSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.jms.JmsComponent;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Puts the inboxes on ActiveMQ Artemis (crystal.transport=jms): starts the embedded broker unless
 * {@code crystal.broker.url} names one, and registers the {@code jms} component the inbox URIs use, with pooled
 * connections (a send from an HTTP request borrows one instead of opening its own) and the
 * {@link WireMessageConverter}.
 */
public final class JmsTransport {
    private JmsTransport() {
    }

    /** Everything the transport needs started before the routes, returned for stopping after them. */
    public static java.util.List<Service> install(CamelContext context, BusSettings settings, ObjectMapper json, InboxMonitor inboxes)
            throws Exception {
        java.util.List<Service> services = new java.util.ArrayList<>();
        String url = settings.string("crystal.broker.url").filter(u -> !u.isBlank()).orElse(null);
        Optional<BrokerLogin> login = BrokerLogin.from(settings, System.getenv());
        if (url == null) {
            String listen = settings.string("crystal.broker.listen").filter(address -> !address.isBlank()).orElse(null);
            if (listen != null && login.isEmpty()) {
                throw new IllegalStateException("crystal.broker.listen is " + listen + ": whoever reaches it could put messages on the inboxes;"
                        + " set crystal.broker.password (or the environment variable " + BrokerLogin.PASSWORD_ENV
                        + ") so that the broker requires a login (user crystal.broker.user, default crystal)");
            }
            Optional<ServerTls> tls = ServerTls.from(settings, System.getenv()).filter(ServerTls::broker);
            tls.ifPresent(ServerTls::check);
            EmbeddedBroker broker = new EmbeddedBroker(Path.of(settings.text("crystal.data.dir"), "broker"), listen, login, tls);
            broker.start();
            services.add(broker);
            inboxes.countBrokerQueues(broker::messageCount);
            url = EmbeddedBroker.IN_VM_URL;
        }
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url);
        // no messages buffered in a consumer ahead of its receive: a node that dies holds none of a customer's
        // group hostage, so another node's consumer cannot overtake them when they return (TwoNodeIT)
        artemis.setConsumerWindowSize(0);
        // the factory's own thread pools, ended when it closes: the client's global pools are static and outlived
        // the bus (in Karaf they held the stopped bundle's class loader: found by KarafIT)
        artemis.setUseGlobalPools(false);
        // a session keeps the queues it looked up: without it every send looked its queue up and checked it on the
        // broker again, three blocking round trips before the message itself
        artemis.setCacheDestinations(true);
        login.ifPresent(account -> {
            artemis.setUser(account.user());
            artemis.setPassword(account.password());
        });
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(artemis);
        pooled.setMaxConnections(settings.integer("crystal.broker.connections"));
        JmsComponent jms = JmsComponent.jmsComponent(pooled);
        jms.getConfiguration().setMessageConverter(new WireMessageConverter(json, settings.longValue("camel.server.maxBodySize")));
        context.addComponent("jms", jms);
        services.add(0, new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                pooled.stop();
                artemis.close();
            }
        });
        return services;
    }
}
