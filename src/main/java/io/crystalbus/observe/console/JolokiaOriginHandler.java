package io.crystalbus.observe.console;

import io.crystalbus.security.JolokiaOrigins;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@link JolokiaOrigins} in front of the console's own Jolokia ({@code <console path>/jolokia}). */
final class JolokiaOriginHandler extends Handler.Wrapper {
    private final String prefix;
    private final JolokiaOrigins origins;

    JolokiaOriginHandler(Handler console, String consolePath, JolokiaOrigins origins) {
        super(console);
        this.prefix = consolePath + "/jolokia";
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path != null && path.startsWith(prefix)) {
            var refusal = origins.refusal(request.getMethod(), path.substring(prefix.length()), request.getHeaders().get(HttpHeader.ORIGIN));
            if (refusal.isPresent()) {
                Response.writeError(request, response, callback, 403, refusal.get());
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
