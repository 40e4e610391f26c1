package io.crystalbus.security;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/** Puts one login in front of every path of a Camel Main Vert.x server (its {@link AuthenticationConfig}), before it starts. */
public final class EveryPathLogin {

    private EveryPathLogin() {
    }

    /** The handler checks every request itself (no Vert.x authentication provider). */
    public static void install(AuthenticationConfig config, AuthenticationHandler handler) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T none) {
                return handler;
            }
        });
        config.getEntries().add(entry);
        config.setEnabled(true);
    }
}
