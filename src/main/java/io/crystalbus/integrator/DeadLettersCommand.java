package io.crystalbus.integrator;

import io.crystalbus.security.AdminCredentials;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * {@code dead-letters list [--limit N] [--url U]} and {@code dead-letters replay <id> [--url U] [--user admin]}
 * ({@code cli.DeadLettersCli}): the dead letters of a running bus, and a replay
 * through its admin API. The password comes from {@code CRYSTAL_ADMIN_PASSWORD}, never from the command line
 * (which other users of the machine can read).
 */
public final class DeadLettersCommand {
    private DeadLettersCommand() {
    }

    /** Prints the newest {@code limit} dead letters of the bus at {@code url}. */
    public static int list(String url, int limit, PrintStream out) throws Exception {
        return ApiClient.call(ApiClient.request(url, "/api/v1/dead-letters?limit=" + limit).GET().build(), out);
    }

    /** Replays dead letter {@code id} as {@code user}, with the password from the environment. */
    public static int replay(String id, String url, String user, Map<String, String> environment, PrintStream out) throws Exception {
        String password = environment.get(AdminCredentials.PASSWORD_ENV);
        if (password == null || password.isBlank()) {
            out.println("set " + AdminCredentials.PASSWORD_ENV + " to the operator password");
            return 2;
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return ApiClient.call(ApiClient.request(url, "/api/v1/dead-letters/" + id + "/replay")
                .header("Authorization", "Basic " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), out);
    }
}
