package io.crystalbus.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import io.crystalbus.transport.Inboxes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks across all route files that neither the schema nor Camel makes before it starts: a route id used
 * twice, a {@code direct:} endpoint that is sent to but that no route consumes, an inbox placeholder for a
 * domain that has no inbox.
 */
public final class RouteChecks {
    private static final Pattern INBOX = Pattern.compile("\\{\\{crystal\\.inbox\\.([^}]+)}}");
    /** The shipped settings: an inbox placeholder may also name an endpoint set there (the file drop's). */
    private static final java.util.Properties DEFINED = shippedSettings();

    /** Where something is written: a file and a line. */
    public record Place(RouteFile file, int line) {
    }

    private final Map<String, Place> routeIds = new HashMap<>();
    private final Map<String, Place> consumed = new HashMap<>();
    private final Map<String, Place> sentTo = new LinkedHashMap<>();
    private final Map<String, Place> routeOfId = new HashMap<>();
    private final Map<String, Place> configurationsUsed = new LinkedHashMap<>();
    private final java.util.Set<String> configurations = new java.util.HashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    /** Takes in one file's tree (a file that is not valid YAML is skipped). */
    public void add(RouteFile file) {
        if (file.tree() != null) {
            walk(file, file.tree(), null);
        }
    }

    private void walk(RouteFile file, JsonNode node, String key) {
        if (node.isObject()) {
            if ("route".equals(key) && node.hasNonNull("id")) {
                route(file, node.get("id"));
            }
            if ("route".equals(key) && node.path("routeConfigurationId").isTextual()) {
                JsonNode used = node.get("routeConfigurationId");
                configurationsUsed.putIfAbsent(used.asText(), new Place(file, RouteFile.lineOf(used)));
            }
            if ("routeConfiguration".equals(key) && node.path("id").isTextual()) {
                configurations.add(node.get("id").asText());
            }
            if ("from".equals(key)) {
                endpoint(file, node.get("uri"), consumed);
            }
            node.fields().forEachRemaining(field -> walk(file, field.getValue(), field.getKey()));
        } else if (node.isArray()) {
            node.forEach(item -> walk(file, item, key));
        } else if (node.isTextual()) {
            if ("to".equals(key) || ("uri".equals(key))) {
                endpoint(file, node, sentTo);
            }
            inboxes(file, node);
        }
    }

    private void route(RouteFile file, JsonNode id) {
        Place place = new Place(file, RouteFile.lineOf(id));
        Place first = routeIds.putIfAbsent(id.asText(), place);
        if (first != null) {
            problems.add(new Problem(file.name(), place.line(), "route id '" + id.asText() + "' is used twice (also "
                    + first.file().name() + ":" + first.line() + ")"));
        }
        routeOfId.put(id.asText(), place);
    }

    private static void endpoint(RouteFile file, JsonNode uri, Map<String, Place> into) {
        if (uri != null && uri.isTextual() && uri.asText().startsWith("direct:")) {
            String name = uri.asText().replaceFirst("\\?.*", "");
            into.putIfAbsent(name, new Place(file, RouteFile.lineOf(uri)));
        }
    }

    private void inboxes(RouteFile file, JsonNode text) {
        Matcher matcher = INBOX.matcher(text.asText());
        while (matcher.find()) {
            if (!Inboxes.DOMAINS.contains(matcher.group(1)) && !DEFINED.containsKey("crystal.inbox." + matcher.group(1))) {
                problems.add(new Problem(file.name(), RouteFile.lineOf(text), "there is no inbox '" + matcher.group(1)
                        + "' (inboxes: " + String.join(", ", Inboxes.DOMAINS) + ")"));
            }
        }
    }

    private static java.util.Properties shippedSettings() {
        java.util.Properties properties = new java.util.Properties();
        try (var in = RouteChecks.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    /** The problems over every file taken in. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(problems);
        // the from of every route was walked as a consumer; a `uri` under `from` also passed through sentTo
        configurationsUsed.forEach((id, place) -> {
            if (!configurations.contains(id)) {
                all.add(new Problem(place.file().name(), place.line(), "no routeConfiguration has the id '" + id + "'"));
            }
        });
        sentTo.forEach((name, place) -> {
            if (!consumed.containsKey(name)) {
                all.add(new Problem(place.file().name(), place.line(), "nothing consumes " + name + " (no route has it as its from)"));
            }
        });
        return all;
    }

    /** Where a route is defined, by id: for placing the errors Camel reports by route. */
    public Map<String, Place> routePlaces() {
        return Map.copyOf(routeOfId);
    }

    public int routeCount() {
        return routeIds.size();
    }
}
