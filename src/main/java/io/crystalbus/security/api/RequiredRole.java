package io.crystalbus.security.api;

/**
 * The role an API request needs, from its method and path alone (so a route added to a route file is guarded
 * like its neighbours): {@code /api/v1/admin/**} and a dead letter's {@code /replay} need {@code operator};
 * GET and HEAD need {@code read}; every other method needs {@code ingest}.
 */
public final class RequiredRole {
    private RequiredRole() {
    }

    public static Role of(String method, String path) {
        if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/admin") || path.endsWith("/replay")) {
            return Role.OPERATOR;
        }
        return method.equals("GET") || method.equals("HEAD") ? Role.READ : Role.INGEST;
    }
}
