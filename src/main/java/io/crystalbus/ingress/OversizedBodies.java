package io.crystalbus.ingress;

import io.crystalbus.deadletter.DeadLetters;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A body over {@code camel.server.maxBodySize} is refused by Vert.x's body handler before Camel sees the request.
 * This failure handler gives that refusal the API's JSON error and a dead-letter record (and stops Vert.x
 * logging each one as an unhandled error).
 */
public final class OversizedBodies implements StartupListener {
    private final DeadLetters deadLetters;
    private final int port;
    private final long maxBytes;

    public OversizedBodies(DeadLetters deadLetters, int port, long maxBytes) {
        this.deadLetters = deadLetters;
        this.port = port;
        this.maxBytes = maxBytes;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router != null) {
            router.route().failureHandler(this::refuse);
        }
    }

    private void refuse(RoutingContext request) {
        if (request.statusCode() != 413 || request.response().ended()) {
            request.next();
            return;
        }
        String error = "the body is larger than " + maxBytes + " bytes (camel.server.maxBodySize)";
        // the stage is one fixed name, never the path: a stage is a meter tag, and paths are the caller's to vary
        String path = request.request().path();
        var letter = deadLetters.reject("ingress:oversized", null, "too-large",
                error + " at " + (path.length() > 200 ? path.substring(0, 200) + "..." : path), null);
        request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + error + "\",\"deadLetterId\":" + letter.id() + "}");
    }
}
