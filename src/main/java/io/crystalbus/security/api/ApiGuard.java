package io.crystalbus.security.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.crystalbus.security.api.ApiCredentials.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The door of the API server: every request is checked here, on the Vert.x router before any route reads its
 * body, so a route added to a route file is guarded like the shipped ones. A request needs the role its method
 * and path call for ({@link RequiredRole}); it authenticates with HTTP Basic (people) or a bearer token
 * (machine clients). Refusals: {@code 401} with both challenges in {@code WWW-Authenticate} (no or wrong
 * credentials), {@code 403} (a role missing), {@code 429} with {@code Retry-After} while an address that failed
 * too often waits ({@link FailedLogins}). Each is counted by reason. The authenticated caller travels to the
 * route as the Vert.x user ({@link #principalOf}).
 *
 * <p>Password checks are slow on purpose (PBKDF2), so they run off the event loop and a success is remembered
 * for a few minutes under a hash of the header (a client sending the same credentials pays once).
 */
public final class ApiGuard implements AuthenticationHandler {
    static final String CHALLENGE = "Basic realm=\"crystal-bus\", charset=\"UTF-8\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"crystal-bus\"";
    private final ApiCredentials credentials;
    private final BiFunction<String, String, Role> requiredRole;
    private final boolean loginForEveryone;
    private final FailedLogins failedLogins;
    private final Consumer<String> refusals;
    private final Cache<String, Principal> recentLogins = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    /**
     * @param requiredRole     the role a request needs, by method and path ({@link RequiredRole#of} for the API)
     * @param loginForEveryone whether ingest and read need a login too (the operator role always does)
     * @param refusals         counts a refusal by its reason: missing, wrong, forbidden, throttled
     */
    public ApiGuard(ApiCredentials credentials, BiFunction<String, String, Role> requiredRole, boolean loginForEveryone,
                    FailedLogins failedLogins, Consumer<String> refusals) {
        this.credentials = credentials;
        this.requiredRole = requiredRole;
        this.loginForEveryone = loginForEveryone;
        this.failedLogins = failedLogins;
        this.refusals = refusals;
    }

    @Override
    public void handle(RoutingContext context) {
        Role needed = requiredRole.apply(context.request().method().name(), context.normalizedPath());
        if (needed != Role.OPERATOR && !loginForEveryone || needed == Role.OPERATOR && !credentials.anyoneMay(Role.OPERATOR)) {
            // open on loopback as before; the admin API answers itself that it is off
            context.next();
            return;
        }
        String address = context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
        long wait = failedLogins.waitSeconds(address);
        if (wait > 0) {
            context.response().putHeader("Retry-After", String.valueOf(wait));
            refuse(context, "throttled", 429, "too many failed logins from this address; retry after " + wait + " s");
            return;
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            challenge(context, "missing", "this endpoint needs a login: HTTP Basic or a bearer token with the " + needed.label() + " role");
            return;
        }
        String key = HexFormat.of().formatHex(SecretHash.sha256(header));
        Principal known = recentLogins.getIfPresent(key);
        if (known != null) {
            admit(context, known, needed, address);
            return;
        }
        // the body must wait for the verdict (a route reads it later); Vert.x's own auth handlers pause alike
        context.request().pause();
        context.vertx().<Optional<Principal>>executeBlocking(() -> authenticate(header), false).onComplete(result -> {
            context.request().resume();
            Optional<Principal> principal = result.succeeded() ? result.result() : Optional.empty();
            if (principal.isEmpty()) {
                failedLogins.failed(address);
                challenge(context, "wrong", "the credentials are not valid");
                return;
            }
            recentLogins.put(key, principal.get());
            admit(context, principal.get(), needed, address);
        });
    }

    private Optional<Principal> authenticate(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return credentials.token(header.substring(7).trim());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon > 0 ? credentials.user(pair.substring(0, colon), pair.substring(colon + 1)) : Optional.empty();
            } catch (IllegalArgumentException badBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void admit(RoutingContext context, Principal principal, Role needed, String address) {
        failedLogins.succeeded(address);
        if (!principal.may(needed)) {
            refuse(context, "forbidden", 403, "'" + principal.name() + "' does not have the " + needed.label() + " role this endpoint needs");
            return;
        }
        JsonArray roles = new JsonArray();
        principal.roles().forEach(role -> roles.add(role.label()));
        context.setUser(User.create(new JsonObject().put("username", principal.name()).put("roles", roles)));
        context.next();
    }

    private void challenge(RoutingContext context, String reason, String message) {
        context.response().headers().add("WWW-Authenticate", CHALLENGE).add("WWW-Authenticate", BEARER_CHALLENGE);
        refuse(context, reason, 401, message);
    }

    private void refuse(RoutingContext context, String reason, int status, String message) {
        refusals.accept(reason);
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    /** The caller the guard admitted, from the header Camel copies the Vert.x user into; empty when none did. */
    public static Optional<Principal> principalOf(Object user) {
        if (!(user instanceof User vertxUser)) {
            return Optional.empty();
        }
        JsonObject principal = vertxUser.principal();
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        principal.getJsonArray("roles", new JsonArray()).forEach(role -> roles.add(Role.valueOf(String.valueOf(role).toUpperCase(java.util.Locale.ROOT))));
        return Optional.of(new Principal(principal.getString("username"), roles));
    }
}
