package io.crystalbus.observe.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Hawtio's list of external plugins: none (see hawtio-override/web.xml for why it replaces Hawtio's). */
public final class NoExternalPluginsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("[]");
    }
}
