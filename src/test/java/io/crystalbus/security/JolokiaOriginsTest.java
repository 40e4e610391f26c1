package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.TestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JolokiaOriginsTest {
    private final JolokiaOrigins origins = JolokiaOrigins.from(TestSettings.of(Map.of(JolokiaOrigins.SETTING, "https://ops.example:8090/, https://Console.Example")));

    @Test
    void pagesFromLoopbackAndTheListedOriginsAreAnswered() {
        for (String origin : new String[] {"http://127.0.0.1:8090", "https://localhost:9876", "http://[::1]:8090", "http://localhost",
                "https://ops.example:8090", "https://console.example"}) {
            assertThat(origins.refusal("POST", "", origin)).as(origin).isEmpty();
        }
    }

    @Test
    void pagesFromAnywhereElseAreRefusedLookalikesToo() {
        for (String origin : new String[] {"https://evil.example", "http://127.0.0.1.evil.example", "http://localhost.evil.example:80",
                "null", "https://ops.example:8091", "http://ops.example:8090"}) {
            assertThat(origins.refusal("POST", "", origin)).as(origin).hasValueSatisfying(reason -> assertThat(reason).contains(JolokiaOrigins.SETTING));
        }
    }

    @Test
    void clientsWithoutAnOriginAreAnsweredButWritesAndOperationsNeedPost() {
        assertThat(origins.refusal("POST", "", null)).isEmpty();
        assertThat(origins.refusal("GET", "/read/java.lang:type=Memory", null)).isEmpty();
        assertThat(origins.refusal("GET", "/version", null)).isEmpty();
        assertThat(origins.refusal("GET", "/exec/io.crystalbus:type=Alerts/reload", null)).hasValue("Jolokia writes and operations need POST");
        assertThat(origins.refusal("GET", "write/io.crystalbus:type=Rollout/Percent/50", null)).isPresent();
    }
}
