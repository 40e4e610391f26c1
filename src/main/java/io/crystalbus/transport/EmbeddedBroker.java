package io.crystalbus.transport;

import io.crystalbus.security.ServerTls;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ConfigurationUtils;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside the application (crystal.transport=jms without crystal.broker.url): its
 * persistent journal under {@code crystal.data.dir}/broker, reached in-VM by this process and, when
 * {@code crystal.broker.listen} names a TCP address, by other nodes. Single-node durability without another
 * process; for high availability point {@code crystal.broker.url} at a broker pair or cluster instead.
 *
 * <p>With a {@link BrokerLogin} the broker checks every connection, in-VM ones too: only that account may send,
 * consume or create queues. A broker that listens beyond this JVM always has one ({@link JmsTransport} refuses
 * to start it without), so nobody who reaches the port can put a message on an inbox.
 */
public final class EmbeddedBroker extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final String IN_VM_URL = "vm://0";
    private static final String ROLE = "crystal-bus";

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final Path directory;
    private final String listen;
    private final Optional<BrokerLogin> login;
    private final Optional<ServerTls> tls;

    public EmbeddedBroker(Path directory, String listen, Optional<BrokerLogin> login, Optional<ServerTls> tls) {
        this.directory = directory.toAbsolutePath();
        this.listen = listen;
        this.login = login;
        this.tls = tls;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("crystal-bus")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(login.isPresent())
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .addAcceptorConfiguration("in-vm", IN_VM_URL);
        if (listen != null && !listen.isBlank()) {
            for (TransportConfiguration acceptor : ConfigurationUtils.parseAcceptorURI("tcp", listen)) {
                // as parameters, not in the URL: a URL with the password would be shown wherever the URL is
                tls.ifPresent(keys -> acceptor.getParams().putAll(Map.of(TransportConstants.SSL_ENABLED_PROP_NAME, true,
                        TransportConstants.KEYSTORE_PATH_PROP_NAME, keys.keystore().toString(),
                        TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, keys.password(),
                        TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12")));
                config.addAcceptorConfiguration(acceptor);
            }
        }
        // a message whose route keeps failing is the bus's dead letter, not the broker's: the route commits it
        // handled; the broker redelivers only what a crash left unacknowledged, at once and at the head of the
        // queue (a redelivery delay let a customer's later message overtake the returned ones: found by TwoNodeIT)
        config.addAddressSetting("crystal.#", new AddressSettings().setMaxDeliveryAttempts(-1).setRedeliveryDelay(0)
                .setDeadLetterAddress(SimpleString.of("crystal.DLQ")).setExpiryAddress(SimpleString.of("crystal.expired")));
        login.ifPresent(account -> {
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(account.user(), account.password());
            users.addRole(account.user(), ROLE);
            // send, consume, create and delete queues and addresses, browse; no management, view or edit
            config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, false, true, true, true, false, false)));
            broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        });
        broker.setConfiguration(config);
        broker.start();
        LOG.info("Embedded Artemis broker started, journal in {}{}{}", directory,
                listen == null || listen.isBlank() ? "" : ", listening on " + listen + (tls.isPresent() ? " (TLS)" : " (plain TCP)"),
                login.map(account -> ", login " + account.user() + " required").orElse(", no login (in-VM only)"));
    }

    /** Messages waiting in a queue of this broker (0 for a queue not created yet). */
    public long messageCount(String queue) {
        var found = broker.getActiveMQServer() == null ? null : broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    protected void doStop() throws Exception {
        broker.stop();
    }
}
