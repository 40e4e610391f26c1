package io.crystalbus.security;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.function.Function;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/** Puts one login in front of every path of a Camel Main Vert.x server (its {@link AuthenticationConfig}), before it starts. */
public final class EveryPathLogin {

    private EveryPathLogin() {
    }

    /**
     * @param provider the login's checker, or null when the handler checks by itself
     * @param handler  the handler, made from the provider
     */
    public static void install(AuthenticationConfig config, AuthenticationProvider provider, Function<AuthenticationProvider, AuthenticationHandler> handler) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> provider);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T made) {
                return handler.apply(made);
            }
        });
        config.getEntries().add(entry);
        config.setEnabled(true);
    }
}
