package io.crystalbus.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.crystalbus.flow.Flow;
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
 * domain that has no inbox. A {@code templatedRoute} is checked as the route its template makes with its
 * parameters, at the instance's line.
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
    private final Map<String, JsonNode> templates = new HashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    // the line problems are placed at while an instance's route is walked (its nodes are copies, without lines)
    private int instanceLine = -1;

    private record Instance(RouteFile file, JsonNode node) {
    }

    /** Takes in one file's tree (a file that is not valid YAML is skipped). */
    public void add(RouteFile file) {
        if (file.tree() != null) {
            walk(file, file.tree(), null);
        }
    }

    private void walk(RouteFile file, JsonNode node, String key) {
        if (node.isObject() && "routeTemplate".equals(key) && node.path("id").isTextual()) {
            templates.put(node.get("id").asText(), node);
            return;
        }
        if (node.isObject() && "templatedRoute".equals(key)) {
            instances.add(new Instance(file, node));
            return;
        }
        if (node.isObject()) {
            if ("route".equals(key) && node.hasNonNull("id")) {
                route(file, node.get("id"));
            }
            if ("route".equals(key) && node.path("routeConfigurationId").isTextual()) {
                JsonNode used = node.get("routeConfigurationId");
                configurationsUsed.putIfAbsent(used.asText(), new Place(file, lineOf(used)));
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
        Place place = new Place(file, lineOf(id));
        Place first = routeIds.putIfAbsent(id.asText(), place);
        if (first != null) {
            problems.add(new Problem(file.name(), place.line(), "route id '" + id.asText() + "' is used twice (also "
                    + first.file().name() + ":" + first.line() + ")"));
        }
        routeOfId.put(id.asText(), place);
    }

    private int lineOf(JsonNode node) {
        return instanceLine >= 0 ? instanceLine : RouteFile.lineOf(node);
    }

    /** Walks each template instance as the route it makes: its template's route with its parameters filled in. */
    private void expandInstances() {
        for (Instance instance : instances) {
            instanceLine = RouteFile.lineOf(instance.node());
            String ref = instance.node().path("routeTemplateRef").asText();
            JsonNode template = templates.get(ref);
            if (template == null) {
                problems.add(new Problem(instance.file().name(), instanceLine, "no routeTemplate has the id '" + ref + "'"));
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            template.path("parameters").forEach(parameter -> {
                if (parameter.has("defaultValue")) {
                    parameters.put(parameter.path("name").asText(), parameter.get("defaultValue").asText());
                }
            });
            instance.node().path("parameters").forEach(parameter ->
                    parameters.put(parameter.path("name").asText(), parameter.path("value").asText()));
            JsonNode route = filledIn(template.path("route"), parameters);
            if (route.isObject() && instance.node().path("routeId").isTextual()) {
                ((ObjectNode) route).set("id", instance.node().get("routeId"));
            }
            walk(instance.file(), route, "route");
        }
        instances.clear();
        instanceLine = -1;
    }

    /** A copy of {@code node} with each {@code {{parameter}}} in its texts replaced by the parameter's value. */
    private static JsonNode filledIn(JsonNode node, Map<String, String> parameters) {
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                text = text.replace("{{" + parameter.getKey() + "}}", parameter.getValue());
            }
            return TextNode.valueOf(text);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), filledIn(field.getValue(), parameters)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(filledIn(item, parameters)));
            return copy;
        }
        return node;
    }

    private void endpoint(RouteFile file, JsonNode uri, Map<String, Place> into) {
        if (uri != null && uri.isTextual() && uri.asText().startsWith("direct:")) {
            String name = uri.asText().replaceFirst("\\?.*", "");
            into.putIfAbsent(name, new Place(file, lineOf(uri)));
        }
    }

    private void inboxes(RouteFile file, JsonNode text) {
        Matcher matcher = INBOX.matcher(text.asText());
        while (matcher.find()) {
            if (!Flow.ids().contains(matcher.group(1)) && !DEFINED.containsKey("crystal.inbox." + matcher.group(1))) {
                problems.add(new Problem(file.name(), lineOf(text), "there is no inbox '" + matcher.group(1)
                        + "' (inboxes: " + String.join(", ", Flow.ids()) + ")"));
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
        expandInstances();
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
        expandInstances();
        return Map.copyOf(routeOfId);
    }

    public int routeCount() {
        expandInstances();
        return routeIds.size();
    }
}
