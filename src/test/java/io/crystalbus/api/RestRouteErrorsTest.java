package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import java.net.http.HttpResponse;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.Test;

/**
 * A route of the API's {@code rest:} block that fails answers like every API route, through the shared
 * {@code http-errors} (a JSON answer with the dead letter's id), not Camel's plain-text 500: a rest verb cannot
 * name a route configuration, the bus gives it one.
 */
class RestRouteErrorsTest {
    @Test
    void aFailingRestRouteAnswersWithTheSharedHttpErrors() throws Exception {
        try (RunningBus bus = RunningBus.start()) {
            assertThat(bus.context().getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("api-balance")
                    .getRouteConfigurationId()).isEqualTo("http-errors");
            AdviceWith.adviceWith(bus.context(), "api-balance", route -> route.weaveAddFirst()
                    .throwException(new IllegalStateException("the store is not reachable")));

            HttpResponse<String> response = bus.get("/api/v1/balances/C-down");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.path("error").asText()).isEqualTo("internal error");
            assertThat(body.path("deadLetterId").asText()).isNotBlank();
        }
    }
}
