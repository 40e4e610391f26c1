package io.crystalbus.observe.console;

import io.crystalbus.security.AdminCredentials;
import io.crystalbus.security.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.security.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio web console on its own Jetty server. It reads this JVM's MBeans through Hawtio's Jolokia
 * servlet (on the application's one Jolokia version and its access policy), or, in connect mode, another
 * JVM's Jolokia through Hawtio's proxy. Its work directory is fixed and removed on stop. When a login is
 * required, Jetty asks for the operator account (Basic) in front of the whole console.
 */
public final class HawtioConsole extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    private static final String WEB_CONTENT = "hawtio-web/";
    private static final String OVERRIDE_DESCRIPTOR = "hawtio-override/web.xml";
    private static final String ROLE = "admin";

    private final ConsoleSettings settings;
    private final Optional<AdminCredentials> credentials;
    private Server server;

    public ConsoleSettings settings() {
        return settings;
    }

    public HawtioConsole(ConsoleSettings settings, Optional<AdminCredentials> credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    @Override
    protected void doStart() throws Exception {
        configureHawtio();
        server = new Server();
        ServerConnector connector = settings.tls().map(tls -> httpsConnector(server, tls)).orElseGet(() -> new ServerConnector(server));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        Files.createDirectories(settings.workDir());
        WebAppContext console = new WebAppContext();
        console.setContextPath(settings.path());
        ResourceFactory resources = ResourceFactory.of(server);
        console.setBaseResource(resources.newClassLoaderResource(WEB_CONTENT));
        console.setOverrideDescriptor(resources.newClassLoaderResource(OVERRIDE_DESCRIPTOR).getURI().toString());
        console.setTempDirectory(settings.workDir().toFile());
        console.setParentLoaderPriority(true);
        console.setThrowUnavailableOnStartupException(true);
        settings.connectTo().ifPresent(remote -> console.addServlet(new ServletHolder(new ConnectServlet(remote, settings.path())), ConnectServlet.PATH));
        credentials.ifPresent(c -> console.setSecurityHandler(basicLogin(c)));
        server.setHandler(new JolokiaOriginHandler(console, settings.path(), settings.origins()));
        server.start();
        LOG.info("Hawtio console on {}://{}:{}{}/{}", settings.tls().isPresent() ? "https" : "http", settings.host(), connector.getLocalPort(), settings.path(),
                settings.connectTo().map(remote -> " connected to " + remote).orElse(""));
    }

    private static ServerConnector httpsConnector(Server server, ServerTls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(tls.password());
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
    }

    /** Hawtio reads its settings from system properties. */
    private void configureHawtio() {
        System.setProperty("hawtio.authenticationEnabled", "false"); // Jetty guards the console when needed
        System.setProperty("hawtio.localAddressProbing", "false");
        String allow = settings.connectTo().map(URI::getHost).map(h -> "localhost,127.0.0.1," + h).orElse("localhost,127.0.0.1");
        System.setProperty("hawtio.proxyAllowlist", allow);
        System.setProperty("hawtio.disableProxy", String.valueOf(settings.connectTo().isEmpty()));
    }

    private static SecurityHandler basicLogin(AdminCredentials credentials) {
        UserStore users = new UserStore();
        users.addUser(credentials.user(), new Password(credentials.password()), new String[] {ROLE});
        HashLoginService login = new HashLoginService("crystal-bus");
        login.setUserStore(users);
        SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(login);
        security.put("/*", Constraint.from(ROLE));
        return security;
    }

    /** The port it listens on (useful when configured as 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
        }
        deleteWorkDir(settings.workDir());
    }

    private static void deleteWorkDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
