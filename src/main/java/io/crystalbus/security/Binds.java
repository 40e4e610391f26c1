package io.crystalbus.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether a listener's bind address keeps it on this machine. */
public final class Binds {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?");

    private Binds() {
    }

    /**
     * True for localhost and loopback IP literals (127.0.0.0/8, ::1). Any other name counts as reachable from
     * outside: it is not resolved, so DNS cannot turn a public bind into a "loopback" one.
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.trim();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
