package io.crystalbus.security;

import io.vertx.core.Handler;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * Puts a handler in front of every path of a Camel Main Vert.x server, before it starts. Its
 * {@link AuthenticationConfig} is the one hook such a server installs before it opens its port (a handler added to
 * the router later misses the first requests). Handlers run in the order they were installed.
 */
public final class EveryPathHandler {

    private EveryPathHandler() {
    }

    /** The handler checks every request itself (no Vert.x authentication provider): it answers, or calls {@code next()}. */
    public static void install(AuthenticationConfig config, Handler<RoutingContext> handler) {
        AuthenticationHandler asHook = handler instanceof AuthenticationHandler login ? login : handler::handle;
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T none) {
                return asHook;
            }
        });
        config.getEntries().add(entry);
        config.setEnabled(true);
    }
}
