package io.crystalbus.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A list at a list endpoint is accepted or refused whole, also when its inbox fills up on the way: with the domain's
 * route stopped and an inbox of two places, a list of five used to be offered item by item, two were taken, the third
 * timed out, and the client got a 503 for a list that was partly applied.
 */
class ListsAcceptedWholeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(Map.of(
                "crystal.queue.collections.size", "2", "crystal.queue.collections.offer-timeout-ms", "200",
                "crystal.queue.free-play.size", "2", "crystal.queue.free-play.offer-timeout-ms", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void aListOfCollectionsIsAcceptedOrRefusedWhole() throws Exception {
        String list = IntStream.range(0, 5).mapToObj(i -> """
                {"collectionId":"K-whole-%d","customerId":"C-whole","agentId":"A-7","currency":"USD","amount":10,"method":"bank"}"""
                .formatted(i)).collect(Collectors.joining(",", "[", "]"));
        checkWhole("collections", "/api/v1/collections", list, "C-whole", "balance", 50);
    }

    @Test
    void aListOfFreePlayCommandsIsAcceptedOrRefusedWhole() throws Exception {
        String list = IntStream.range(0, 5).mapToObj(i -> """
                {"messageId":"fp-whole-%d","action":"GRANT","customerId":"C-fp-whole","currency":"USD","amount":10}"""
                .formatted(i)).collect(Collectors.joining(",", "[", "]"));
        checkWhole("free-play", "/api/v1/freeplay", list, "C-fp-whole", "freePlay", 50);
    }

    private static void checkWhole(String route, String path, String list, String customer, String field, long whole) throws Exception {
        bus.context().getRouteController().stopRoute(route);
        HttpResponse<String> answer = bus.postJson(path, list);
        bus.context().getRouteController().startRoute(route);
        if (answer.statusCode() == 202) {
            await().atMost(Duration.ofSeconds(10)).until(() -> amount(customer, field) == whole);
        } else {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            // a refused list is refused whole: given time, nothing of it is applied
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> amount(customer, field) <= 0);
        }
        assertThat(answer.statusCode()).as("the list fits the inbox as one message").isEqualTo(202);
    }

    private static long amount(String customer, String field) throws Exception {
        HttpResponse<String> response = bus.get("/api/v1/balances/" + customer);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get(field).asLong() : 0;
    }
}
