package io.crystalbus.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code send --file message.yaml [--url http://127.0.0.1:8080] [--type wager.settled]} ({@code cli.SendCli}):
 * posts a YAML or JSON message file (one message or a list) to a running bus's API and prints the answer;
 * exit code 0 for a 2xx answer. The message type comes from {@code --type}, else from the file's name when it
 * is named after a type (as {@code docs/examples} are), else from the message's fields.
 */
public final class SendCommand {
    /** The API path of each type the API accepts. */
    static final Map<String, String> PATHS = Map.of(
            "wager.settled", "/api/v1/wagers/settled",
            "collection.received", "/api/v1/collections",
            "freeplay", "/api/v1/freeplay",
            "distribution.run", "/api/v1/distributions/runs");

    private SendCommand() {
    }

    /** Posts the message file to the API at {@code url}; {@code type} may be null (then the file tells). */
    public static int send(Path path, String url, String type, PrintStream out) throws Exception {
        String body = Files.readString(path);
        String messageType = type != null ? type : typeOfFile(path.getFileName().toString());
        if (messageType == null) {
            try {
                messageType = typeOf(new ObjectMapper(new YAMLFactory()).readTree(body));
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
                return 1;
            }
        }
        String apiPath = PATHS.get(messageType.startsWith("freeplay") ? "freeplay" : messageType);
        if (apiPath == null) {
            out.println("the API does not take " + messageType + " messages; it takes " + String.join(", ", PATHS.keySet()));
            return 1;
        }
        boolean json = path.getFileName().toString().endsWith(".json");
        return ApiClient.call(ApiClient.request(url, apiPath)
                .header("Content-Type", json ? "application/json" : "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), out);
    }

    /** The type a file is named after, as the examples are ({@code wager.settled.yaml}, {@code freeplay.grant.yaml}), or null. */
    static String typeOfFile(String fileName) {
        String base = fileName.replaceFirst("\\.(yaml|yml|json)$", "").replaceFirst("-list$", "");
        try {
            io.crystalbus.message.MessageType.of(base);
            return base;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The type by the fields of the (first) message; fails with the list of types when none fits. */
    static String typeOf(JsonNode message) {
        JsonNode first = message.isArray() && !message.isEmpty() ? message.get(0) : message;
        if (first.has("outcome")) {
            return "wager.settled";
        }
        if (first.has("collectionId")) {
            return "collection.received";
        }
        if (first.has("action")) {
            return "freeplay";
        }
        if (first.has("period") && !first.has("agentId")) {
            return "distribution.run";
        }
        throw new IllegalArgumentException("cannot tell the message type from its fields; pass --type, one of " + String.join(", ", PATHS.keySet()));
    }
}
