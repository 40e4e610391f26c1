package io.crystalbus.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.deadletter.DeadLetterReplayer;
import io.crystalbus.observe.trace.MessageTracer;
import io.crystalbus.rollout.RolloutFlags;
import io.crystalbus.rollout.RolloutState;
import io.crystalbus.rollout.RolloutUpdate;
import io.crystalbus.security.api.ApiCredentials.Principal;
import io.crystalbus.security.api.ApiGuard;
import io.crystalbus.security.api.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * The admin API (bean {@code admin}): rollout flags, tracing, dead-letter replay. Every call needs a caller with the
 * operator role, admitted by the {@link ApiGuard} at the server's door; with nobody able to operate the admin API is off.
 */
public final class AdminApi {
    private static final int MAX_BODY = 4096;
    private final boolean enabled;
    private final RolloutFlags flags;
    private final MessageTracer tracer;
    private final DeadLetterReplayer replayer;
    private final HttpReplies replies;
    private final ObjectMapper json;

    /** @param enabled whether anyone holds the operator role (else every call answers 404, the API is off) */
    public AdminApi(boolean enabled, RolloutFlags flags, MessageTracer tracer, DeadLetterReplayer replayer,
                    HttpReplies replies, ObjectMapper json) {
        this.enabled = enabled;
        this.flags = flags;
        this.tracer = tracer;
        this.replayer = replayer;
        this.replies = replies;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public void listRollouts(Exchange exchange) {
        if (authorized(exchange)) {
            List<Map<String, Object>> all = flags.all().entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
            replies.json(exchange, 200, Map.of("flows", all));
        }
    }

    public void getRollout(Exchange exchange) {
        if (authorized(exchange)) {
            String flow = exchange.getMessage().getHeader("flow", String.class);
            withFlow(exchange, flow, state -> replies.json(exchange, 200, view(flow, state)));
        }
    }

    public void putRollout(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        String flow = exchange.getMessage().getHeader("flow", String.class);
        withFlow(exchange, flow, current -> {
            byte[] body = exchange.getMessage().getBody(byte[].class);
            if (body == null || body.length == 0 || body.length > MAX_BODY) {
                replies.json(exchange, 400, Map.of("error", "body: must be a JSON object of at most " + MAX_BODY
                        + " bytes, e.g. {\"enabled\":true,\"percent\":10.0,\"pilot\":\"cbor\"}"));
                return;
            }
            try {
                RolloutState next = json.readValue(body, RolloutUpdate.class).applyTo(current);
                flags.set(flow, next);
                replies.json(exchange, 200, view(flow, next));
            } catch (JsonProcessingException e) {
                replies.json(exchange, 400, Map.of("error", "body: " + e.getOriginalMessage().lines().findFirst().orElse("unreadable")));
            } catch (java.io.IOException e) {
                replies.json(exchange, 400, Map.of("error", "body: unreadable"));
            } catch (IllegalArgumentException e) {
                replies.json(exchange, 400, Map.of("error", e.getMessage()));
            }
        });
    }

    /** The routes being traced. */
    public void listTraces(Exchange exchange) {
        if (authorized(exchange)) {
            replies.json(exchange, 200, Map.of("traced", tracer.tracedRoutes()));
        }
    }

    /** Tracing of one route on or off: body {@code {"enabled": true}}; 404 for a route that does not exist. */
    public void putTrace(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        String route = exchange.getMessage().getHeader("route", String.class);
        if (exchange.getContext().getRoute(route) == null) {
            replies.json(exchange, 404, Map.of("error", "no route '" + route + "'"));
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        try {
            JsonNode enabled = body == null || body.length > MAX_BODY ? null : json.readTree(body).get("enabled");
            if (enabled == null || !enabled.isBoolean()) {
                replies.json(exchange, 400, Map.of("error", "body: must be {\"enabled\": true} or {\"enabled\": false}"));
                return;
            }
            tracer.trace(route, enabled.booleanValue());
            replies.json(exchange, 200, Map.of("route", route, "traced", enabled.booleanValue()));
        } catch (java.io.IOException e) {
            replies.json(exchange, 400, Map.of("error", "body: not JSON"));
        }
    }

    /** {@code POST /api/v1/dead-letters/{id}/replay}: the letter's message back into its inbox, once. */
    public void replayDeadLetter(Exchange exchange) {
        if (!authorized(exchange)) {
            return;
        }
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !id.matches("\\d{1,18}")) {
            replies.json(exchange, 400, Map.of("error", "id: must be the number of a dead letter, got '" + id + "'"));
            return;
        }
        DeadLetterReplayer.Outcome outcome = replayer.replay(Long.parseLong(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(outcome.status() / 100 == 2 ? "result" : "error", outcome.message());
        if (outcome.letter() != null) {
            body.put("deadLetter", outcome.letter());
        }
        replies.json(exchange, outcome.status(), body);
    }

    private void withFlow(Exchange exchange, String flow, java.util.function.Consumer<RolloutState> action) {
        RolloutState state = flags.all().get(flow);
        if (state == null) {
            replies.json(exchange, 404, Map.of("error", "no rollout flow '" + flow + "'; flows: " + flags.all().keySet()));
        } else {
            action.accept(state);
        }
    }

    private static Map<String, Object> view(String flow, RolloutState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("flow", flow);
        view.put("enabled", state.enabled());
        view.put("percent", state.percent());
        view.put("pilot", state.pilot());
        view.put("control", state.control());
        view.put("key", state.key());
        if (state.trippedReason() != null) {
            view.put("tripped", state.trippedReason());
        }
        return view;
    }

    /** Answers 404 (admin off) or 401 itself and returns false when the call may not go on. */
    private boolean authorized(Exchange exchange) {
        if (!enabled) {
            replies.json(exchange, 404, Map.of("error", "the admin API is off: set crystal.admin.password or CRYSTAL_ADMIN_PASSWORD,"
                    + " or give a user the operator role in crystal.api.credentials-file"));
            return false;
        }
        Optional<Principal> caller = ApiGuard.principalOf(exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER));
        if (caller.filter(principal -> principal.may(Role.OPERATOR)).isPresent()) {
            return true;
        }
        // the guard refuses such a request at the door; this answers one that came another way (an in-JVM call)
        replies.json(exchange, 401, Map.of("error", "the admin API needs a login with the operator role"));
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"crystal-bus\"");
        return false;
    }
}
