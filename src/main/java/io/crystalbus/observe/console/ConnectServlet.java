package io.crystalbus.observe.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Console-only mode: opens Hawtio already connected to the remote Jolokia. Hawtio 4 keeps its connections in
 * the browser's local storage ({@code connect.connections}) and selects one with {@code ?con=<id>}, so this page
 * stores the one connection and forwards to it.
 */
final class ConnectServlet extends HttpServlet {
    /** Under /static: Hawtio lets that prefix through to the servlets instead of routing it to its single-page app. */
    static final String PATH = "/static/crystal-connect/*";
    static final String CONNECTION_ID = "crystal-bus-remote";
    private final String page;
    private final String script;

    ConnectServlet(URI remote, String consolePath) {
        String scheme = remote.getScheme();
        int port = remote.getPort() > 0 ? remote.getPort() : ("https".equals(scheme) ? 443 : 80);
        String connection = String.format(
                "{\"id\":\"%s\",\"name\":\"%s\",\"scheme\":\"%s\",\"host\":\"%s\",\"port\":%d,\"path\":\"%s\"}",
                CONNECTION_ID, jsonText(remote.getHost() + ":" + port), scheme, jsonText(remote.getHost()), port,
                jsonText(remote.getPath()));
        // Hawtio's Content-Security-Policy forbids inline scripts: the page loads the script from this servlet
        this.page = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>crystal-bus console</title>
                <script src="%s/static/crystal-connect/connect.js"></script></head>
                <body><p>Connecting to %s ...</p></body></html>
                """.formatted(consolePath, jsonText(remote.toString()).replace("&", "&amp;"));
        this.script = """
                const connection = %s;
                const connections = JSON.parse(localStorage.getItem('connect.connections') || '{}');
                connections[connection.id] = connection;
                localStorage.setItem('connect.connections', JSON.stringify(connections));
                location.replace('%s/?con=' + connection.id);
                """.formatted(connection, consolePath);
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean js = "/connect.js".equals(request.getPathInfo());
        response.setContentType(js ? "text/javascript;charset=utf-8" : "text/html;charset=utf-8");
        response.getOutputStream().write((js ? script : page).getBytes(StandardCharsets.UTF_8));
    }
}
