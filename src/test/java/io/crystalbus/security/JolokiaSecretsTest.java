package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.TestKeystore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing Jolokia can read holds a secret the bus was given: every MBean read whole, or attribute by attribute. */
class JolokiaSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRETS = List.of("admin-s3cret-in-settings", "broker-s3cret-in-settings");

    @Test
    void noMBeanShowsAPasswordGivenInTheSettings() throws Exception {
        Map<String, String> settings = new HashMap<>(TestKeystore.settings());
        settings.put("crystal.admin.password", SECRETS.get(0));
        settings.put("crystal.broker.password", SECRETS.get(1));
        try (RunningBus bus = RunningBus.start(settings)) {
            JsonNode names = read(bus, "{\"type\":\"search\",\"mbean\":\"*:*\"}").get("value");
            assertThat(names.size()).isGreaterThan(100);
            List<String> readable = new ArrayList<>();
            for (JsonNode name : names) {
                String mbean = JSON.writeValueAsString(name.asText());
                JsonNode whole = read(bus, "{\"type\":\"read\",\"mbean\":" + mbean + "}");
                if (whole.path("status").asInt() == 200) {
                    readable.add(whole.toString());
                    continue;
                }
                // a whole read fails when one attribute does: then each attribute alone
                JsonNode attributes = read(bus, "{\"type\":\"list\",\"path\":" + JSON.writeValueAsString(listPath(name.asText())) + "}")
                        .path("value").path("attr");
                attributes.fieldNames().forEachRemaining(attribute -> readable.add(read(bus, "{\"type\":\"read\",\"mbean\":" + mbean
                        + ",\"attribute\":" + quote(attribute) + "}").toString()));
            }
            assertThat(readable).hasSizeGreaterThan(100);
            for (String secret : List.of(SECRETS.get(0), SECRETS.get(1), TestKeystore.PASSWORD)) {
                assertThat(readable).noneMatch(value -> value.contains(secret));
            }
        }
    }

    /** Jolokia's list path of an MBean: {@code domain/key=value,...} with '!' and '/' escaped by '!'. */
    private static String listPath(String name) {
        int colon = name.indexOf(':');
        return escape(name.substring(0, colon)) + "/" + escape(name.substring(colon + 1));
    }

    private static String escape(String part) {
        return part.replace("!", "!!").replace("/", "!/");
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(RunningBus bus, String request) {
        try {
            return JSON.readTree(bus.managementPost("/observe/jolokia", request).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
