package io.crystalbus.integrator;

import io.crystalbus.CrystalBus;
import io.crystalbus.integrator.RouteChecks.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ResolveEndpointFailedException;

/**
 * Loads the route files into the bus as it would run them (the shipped files, each replaced by a checked
 * file of the same name, plus the others) with every route created but none started, no server and no
 * management: unknown components, beans and placeholders fail here. Camel stops at the first such failure;
 * it is placed at the line of its route that names what failed.
 */
public final class LoadCheck {
    private static final Pattern PROPERTY = Pattern.compile("Property with key \\[([^]]+)]");

    private LoadCheck() {
    }

    public static List<Problem> check(List<RouteFile> files, Map<String, Place> routes) throws Exception {
        Path dir = Files.createTempDirectory("crystal-validate");
        try {
            for (RouteFile file : files) {
                Files.writeString(dir.resolve(file.name()), file.text());
            }
            CrystalBus bus = new CrystalBus(Map.of(
                    "crystal.routes.dir", dir.toString(),
                    "crystal.routes.reload", "false",
                    "crystal.store", "memory",
                    "crystal.data.dir", dir.resolve("data").toString(),
                    "camel.main.autoStartup", "false",
                    "camel.server.enabled", "false",
                    "camel.management.enabled", "false",
                    "camel.main.jmxEnabled", "false",
                    "crystal.console.enabled", "false",
                    "camel.main.shutdownTimeout", "5"));
            try {
                bus.start();
                return List.of();
            } catch (Exception e) {
                return List.of(locate(e, files, routes));
            } finally {
                bus.stop();
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The failure at the line of its route that names what failed (the route's first line if none does). */
    static Problem locate(Throwable error, List<RouteFile> files, Map<String, Place> routes) {
        String routeId = null;
        String token = null;
        Throwable root = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedToCreateRouteException failed && routeId == null) {
                routeId = failed.getRouteId();
            }
            if (token == null) {
                token = tokenOf(cause);
            }
            root = cause;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        Place route = routeId == null ? null : routes.get(routeId);
        if (route != null) {
            int line = token == null ? route.line() : route.file().lineContaining(token, route.line());
            return new Problem(route.file().name(), line, message);
        }
        if (token != null) {
            for (RouteFile file : files) {
                int line = file.lineContaining(token, 0);
                if (line > 0) {
                    return new Problem(file.name(), line, message);
                }
            }
        }
        return new Problem(files.isEmpty() ? "?" : files.get(0).name(), 0, message);
    }

    /** What a failure names as written in a route file: a bean, an endpoint URI or a placeholder. */
    private static String tokenOf(Throwable cause) {
        if (cause instanceof NoSuchBeanException noBean && noBean.getName() != null) {
            return noBean.getName();
        }
        String uri = cause instanceof ResolveEndpointFailedException resolve ? resolve.getUri()
                : cause instanceof NoSuchEndpointException missing ? missing.getUri() : null;
        if (uri != null) {
            return uri.replaceFirst("://", ":").replaceFirst("\\?.*", "");
        }
        Matcher property = PROPERTY.matcher(String.valueOf(cause.getMessage()));
        return property.find() ? "{{" + property.group(1) : null;
    }
}
