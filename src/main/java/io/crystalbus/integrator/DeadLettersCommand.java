package io.crystalbus.integrator;

import io.crystalbus.security.AdminCredentials;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * {@code java -jar crystal-bus.jar dead-letters list [--limit N] [--url U]} and
 * {@code dead-letters replay <id> [--url U] [--user admin]}: the dead letters of a running bus, and a replay
 * through its admin API. The password comes from {@code CRYSTAL_ADMIN_PASSWORD}, never from the command line
 * (which other users of the machine can read).
 */
public final class DeadLettersCommand {
    private static final String USAGE = "usage: dead-letters list [--limit 100] [--url " + ApiClient.DEFAULT_URL + "]\n"
            + "       dead-letters replay <id> [--url " + ApiClient.DEFAULT_URL + "] [--user admin]"
            + " (password in " + AdminCredentials.PASSWORD_ENV + ")";

    private DeadLettersCommand() {
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out) throws Exception {
        if (args.length == 0 || !(args[0].equals("list") || args[0].equals("replay"))) {
            out.println(USAGE);
            return 2;
        }
        String url = ApiClient.DEFAULT_URL;
        String user = "admin";
        String limit = "100";
        String id = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--limit" -> limit = args[++i];
                default -> {
                    if (id != null || args[i].startsWith("--")) {
                        out.println("unexpected " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    id = args[i];
                }
            }
        }
        if (args[0].equals("list")) {
            return ApiClient.call(ApiClient.request(url, "/api/v1/dead-letters?limit=" + limit).GET().build(), out);
        }
        String password = environment.get(AdminCredentials.PASSWORD_ENV);
        if (id == null || password == null || password.isBlank()) {
            out.println((id == null ? "which dead letter? " : "set " + AdminCredentials.PASSWORD_ENV + " to the operator password; ") + "\n" + USAGE);
            return 2;
        }
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return ApiClient.call(ApiClient.request(url, "/api/v1/dead-letters/" + id + "/replay")
                .header("Authorization", "Basic " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), out);
    }
}
