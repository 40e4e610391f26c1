package io.crystalbus.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.domain.tally.Tallies;
import io.crystalbus.support.BalanceRouteFile;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 20,000 bad requests after a message failed in its domain: the failed letter is still listed, kept and replayable. */
class DeadLetterFloodTest {
    private static final int BAD_REQUESTS = 20_000;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFloodOfBadRequestsLeavesTheReplayableLetterInPlace(@TempDir Path routes, @TempDir Path deadLetters) throws Exception {
        Files.writeString(routes.resolve(BalanceRouteFile.NAME), BalanceRouteFile.withStepsAroundApply("                - to: direct:poison\n", ""));
        // C-poison's adjustments fail until the poison tally "cured" is set
        Files.writeString(routes.resolve("poison.camel.yaml"), PoisonMessageTest.POISON_ROUTE);
        Map<String, String> settings = Map.of("crystal.routes.dir", routes.toString(), "crystal.admin.password", "s3cret",
                "crystal.dead-letters.dir", deadLetters.toString(), "crystal.redelivery.maximum", "1");
        try (RunningBus bus = RunningBus.start(settings)) {
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-poison", "C-poison")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> list(bus, "?kind=failed").path("total").asLong() == 1);
            long letter = list(bus, "?kind=failed").path("deadLetters").get(0).path("id").asLong();

            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < BAD_REQUESTS; i++) {
                String body = "{\"wagerId\": \"W-junk-" + i + "\", not json";
                answers.add(clients.submit(() -> bus.postJson("/api/v1/wagers/settled", body).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(400);
            }
            clients.shutdown();

            JsonNode all = list(bus, "");
            assertThat(all.path("byKind").path("refused").asLong()).isEqualTo(BAD_REQUESTS);
            assertThat(all.path("byKind").path("failed").asLong()).isEqualTo(1);
            assertThat(list(bus, "?kind=failed").path("deadLetters").get(0).path("id").asLong()).isEqualTo(letter);
            assertThat(bus.get("/api/v1/dead-letters?kind=other").statusCode()).isEqualTo(400);

            bus.bean("tallies", Tallies.class).add("poison", "cured", 1);
            var replay = bus.send(HttpRequest.newBuilder(bus.uri("/api/v1/dead-letters/" + letter + "/replay"))
                    .header("Authorization", RunningBus.basic("admin", "s3cret")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(json.readTree(bus.get("/api/v1/balances/C-poison").body()).path("balance").asLong()).isEqualTo(2500L));
        }
    }

    private JsonNode list(RunningBus bus, String query) throws Exception {
        return json.readTree(bus.get("/api/v1/dead-letters" + query).body());
    }
}
