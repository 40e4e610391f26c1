package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps web pages from driving Jolokia through an operator's browser: any page can make a browser send requests to
 * a loopback port (cross-site request forgery). A request with an {@code Origin} header (browsers send one with
 * every cross-origin request and with every POST) is served only for a loopback origin or one listed in
 * {@value #SETTING}; writes and operations only by POST, since a page can have a GET sent without any origin (an
 * image with no referrer). Written here because Jolokia's own CORS policy cannot say this: its strict checking
 * also refuses every client that sends no {@code Origin} (scripts, health checks, the console's proxy), and it has
 * no notion of the same origin.
 */
public final class JolokiaOrigins {
    public static final String SETTING = "crystal.security.allowed-origins";
    private static final Pattern LOOPBACK = Pattern.compile("https?://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d{1,5})?");
    private final Set<String> allowed;

    JolokiaOrigins(Set<String> allowed) {
        this.allowed = allowed.stream().map(JolokiaOrigins::normal).collect(Collectors.toUnmodifiableSet());
    }

    /** The loopback origins and those of {@value #SETTING} (comma-separated, such as {@code https://ops.example:8090}). */
    public static JolokiaOrigins from(BusSettings settings) {
        return new JolokiaOrigins(settings.names(SETTING));
    }

    /**
     * Why a request to Jolokia is refused, or empty when it may go on.
     *
     * @param path   the request's path after Jolokia's own prefix ({@code /exec/...}, {@code /read/...}, or empty)
     * @param origin its {@code Origin} header, or null
     */
    public Optional<String> refusal(String method, String path, String origin) {
        if (origin != null && !allows(origin)) {
            return Optional.of("Jolokia does not answer pages from " + origin.strip() + " (" + SETTING + " lists the origins it does)");
        }
        String command = path.startsWith("/") ? path.substring(1) : path;
        if ("GET".equalsIgnoreCase(method) && (command.startsWith("exec") || command.startsWith("write"))) {
            return Optional.of("Jolokia writes and operations need POST");
        }
        return Optional.empty();
    }

    private boolean allows(String origin) {
        String normal = normal(origin);
        return LOOPBACK.matcher(normal).matches() || allowed.contains(normal);
    }

    private static String normal(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
