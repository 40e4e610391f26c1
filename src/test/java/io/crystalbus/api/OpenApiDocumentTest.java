package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document Camel generates from the {@code rest:} block: it lists exactly the endpoints
 * {@code docs/api.md} documents, and each endpoint it lists answers with JSON from the bus (not Camel's "no such
 * path" or "method not allowed").
 */
class OpenApiDocumentTest {
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(GET|POST|PUT|DELETE) (/api/v1/[^`?]+)[^`]*` \\|", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode document() throws Exception {
        HttpResponse<String> response = bus.get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        return document;
    }

    private static Set<String> endpointsIn(JsonNode document) {
        Set<String> endpoints = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                endpoints.add(method.toUpperCase() + " " + path.getKey())));
        return endpoints;
    }

    @Test
    void theDocumentListsEveryEndpointTheApiGuideDocumentsAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(Files.readString(Path.of("docs/api.md")));
        while (matcher.find()) {
            documented.add(matcher.group(1) + " " + matcher.group(2));
        }
        assertThat(documented).hasSizeGreaterThanOrEqualTo(15);
        assertThat(endpointsIn(document())).isEqualTo(documented);
    }

    @Test
    void theRequestBodiesAreDescribedByTheirMessageTypes() throws Exception {
        JsonNode document = document();
        JsonNode post = document.path("paths").path("/api/v1/wagers/settled").path("post");
        assertThat(post.path("requestBody").toString()).contains("WagerSettled");
        JsonNode wager = document.path("components").path("schemas").path("WagerSettled").path("properties");
        assertThat(wager.has("wagerId")).isTrue();
        assertThat(wager.has("stake")).isTrue();
    }

    @Test
    void everyEndpointInTheDocumentAnswersWithJsonFromTheBus() throws Exception {
        for (String endpoint : endpointsIn(document())) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            // a path parameter gets a value no state has: the bus answers 404 in JSON, Camel would answer in HTML
            String path = endpoint.substring(method.length() + 1).replaceAll("\\{[^}]+}", "unknown-1");
            HttpRequest.Builder request = HttpRequest.newBuilder(bus.uri(path)).header("Content-Type", "application/json")
                    .header("Authorization", RunningBus.basic("admin", "s3cret"))
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
            HttpResponse<String> response = bus.send(request);
            assertThat(response.statusCode()).as(endpoint).isNotIn(405, 500);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(endpoint + ": " + response.body()).contains("json");
            assertThat(JSON.readTree(response.body()).isObject()).as(endpoint).isTrue();
        }
    }
}
