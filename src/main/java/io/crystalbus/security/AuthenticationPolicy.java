package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether an admin surface needs a login: always when it binds beyond loopback (then a missing
 * password stops the start, never a default one), and on loopback when {@code crystal.security.require-auth}
 * is {@code always}.
 */
public final class AuthenticationPolicy {
    private final BusSettings settings;
    private final Map<String, String> environment;

    public AuthenticationPolicy(BusSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /**
     * The credentials the surface must check, or empty when it may stay open.
     *
     * @param surface the setting that names it, for the error message (e.g. {@code camel.management.host})
     * @param host    the address it binds to
     */
    public Optional<AdminCredentials> credentialsFor(String surface, String host) {
        boolean always = "always".equalsIgnoreCase(settings.text("crystal.security.require-auth"));
        Optional<AdminCredentials> credentials = AdminCredentials.from(settings, environment);
        if (!always && Binds.isLoopback(host)) {
            return Optional.empty();
        }
        if (credentials.isEmpty()) {
            throw new IllegalStateException(surface + " is " + host + (always ? " and crystal.security.require-auth=always" : ", beyond loopback")
                    + ": set crystal.admin.password (or the environment variable " + AdminCredentials.PASSWORD_ENV
                    + ") so that it requires a login; crystal-bus has no default password");
        }
        return credentials;
    }
}
