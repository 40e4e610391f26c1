package io.crystalbus.security.api;

import io.crystalbus.observe.BusMetrics;
import io.crystalbus.security.AdminCredentials;
import io.crystalbus.security.Binds;
import io.crystalbus.security.EveryPathHandler;
import io.crystalbus.config.BusSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link ApiGuard} in front of every path of the API server ({@code camel.server.*}) before the server
 * starts, and refuses to start an API bound beyond loopback that nobody could log in to. Fails closed: an
 * enabled API server this cannot guard stops the start.
 */
public final class ApiSecurity extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiSecurity.class);
    private final Supplier<BusMetrics> metrics;
    private final Map<String, String> environment;

    public ApiSecurity(Supplier<BusMetrics> metrics, Map<String, String> environment) {
        this.metrics = metrics;
        this.environment = environment;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        BusSettings settings = new BusSettings(context.getPropertiesComponent());
        if (!settings.camelFlag("camel.server.enabled", false)) {
            return;
        }
        ApiGuard guard = guard(settings, environment, metrics.get());
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("camel.server.enabled=true but no API server to guard was found; the API does not start unguarded");
        }
        EveryPathHandler.install(server.getConfiguration().getAuthenticationConfig(), guard);
    }

    /** The guard the settings ask for; refuses an API beyond loopback without credentials. */
    static ApiGuard guard(BusSettings settings, Map<String, String> environment, BusMetrics metrics) {
        String host = settings.camel("camel.server.host", "0.0.0.0");
        ApiCredentials credentials = ApiCredentials.from(settings, environment);
        boolean beyondLoopback = !Binds.isLoopback(host);
        boolean always = "always".equalsIgnoreCase(settings.text("crystal.security.require-auth"));
        if ((beyondLoopback || always) && credentials.isEmpty()) {
            throw new IllegalStateException("camel.server.host is " + host + (beyondLoopback ? ", beyond loopback" : " and crystal.security.require-auth=always")
                    + ", so the API needs a login: set " + ApiCredentials.FILE_SETTING + " (users and tokens, hashed; "
                    + "java -jar crystal-bus.jar credentials writes the lines) or the environment variable " + ApiCredentials.ENV
                    + ", or crystal.admin.password for the operator alone");
        }
        boolean loginForEveryone = beyondLoopback || always || credentials.hasApiEntries();
        LOG.info("API on {}: {}", host, loginForEveryone ? "every request needs a login (roles ingest, read, operator)"
                : "open on loopback, the admin endpoints need the operator login");
        return new ApiGuard(credentials, RequiredRole::of, loginForEveryone, failedLogins(settings), metrics::apiRefused);
    }

    /**
     * The operator login alone, for every path of an admin surface (the management server): the API's checks,
     * throttle and challenges, with the operator account as the only login.
     */
    public static ApiGuard operatorOnly(AdminCredentials operator, BusSettings settings) {
        return new ApiGuard(ApiCredentials.load(Optional.empty(), Optional.empty(), Optional.of(operator)), (method, path) -> Role.OPERATOR,
                true, failedLogins(settings), reason -> { });
    }

    private static FailedLogins failedLogins(BusSettings settings) {
        return new FailedLogins(settings.integer("crystal.api.login.free-failures"),
                Duration.ofSeconds(settings.integer("crystal.api.login.max-lockout-seconds")), System::nanoTime);
    }
}
