package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import io.crystalbus.transport.DrainingShutdownStrategy;
import io.crystalbus.transport.Inboxes;
import io.crystalbus.transport.JmsTransport;
import io.crystalbus.transport.Transport;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;

/**
 * Everything the route files need before they load: the inbox endpoints, the beans, the transport, the services
 * that start and stop with the bus, the meters and health checks, and the draining stop.
 */
final class BusAssembly {
    private BusAssembly() {
    }

    static BusBeans assemble(CamelContext context, BusSettings settings, OpenedServices opened) throws Exception {
        Inboxes.register(settings);
        BusBeans beans = new BusBeans(settings, context);
        beans.bindTo(context.getRegistry());
        beans.services().forEach(opened::add);
        if (Transport.of(settings) == Transport.JMS) {
            for (Service service : JmsTransport.install(context, settings, beans.codecs.mappers.json(), beans.observe.inboxes)) {
                opened.add(service);
                context.addService(service, true, true);
            }
        }
        for (Service service : beans.services()) {
            context.addService(service);
        }
        Observability.install(context, settings, beans);
        DrainingShutdownStrategy.install(context, beans.observe.inboxes);
        context.addStartupListener(new ListeningCheck());
        return beans;
    }
}
