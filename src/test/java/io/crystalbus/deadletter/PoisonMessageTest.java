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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that throws for some customers: their messages are retried with back-off, then dead-lettered, while
 * the others flow; once the cause is gone the dead letters are replayed through the admin API, once each, and
 * a dead letter still waiting survives a restart and is replayed by the new bus.
 */
class PoisonMessageTest {
    // the balance route hands each adjustment to a step that fails for C-poison until the `cured` tally is set
    static final String POISON_ROUTE = """
            - route:
                id: poison
                routeConfigurationId: caller-errors
                from:
                  uri: direct:poison
                  steps:
                    - filter:
                        simple: "${body.customerId} == 'C-poison'"
                        steps:
                          - setProperty:
                              name: attempt
                              method:
                                ref: tallies
                                method: "add('poison', 'attempts', 1)"
                          - filter:
                              simple: "${bean:tallies?method=total('poison','cured')} == 0"
                              steps:
                                - throwException:
                                    exceptionType: java.lang.IllegalStateException
                                    message: the handler choked
            """;
    private static final int MAX_REDELIVERIES = 3;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void poisonIsRetriedThenDeadLetteredThenReplayedOnceAlsoAfterARestart(@TempDir Path routes, @TempDir Path deadLetters) throws Exception {
        Files.writeString(routes.resolve(BalanceRouteFile.NAME),
                BalanceRouteFile.withStepsAroundApply("                - to: direct:poison\n", ""));
        Files.writeString(routes.resolve("poison.camel.yaml"), POISON_ROUTE);
        Map<String, String> settings = Map.of("crystal.routes.dir", routes.toString(), "crystal.admin.password", "s3cret",
                "crystal.dead-letters.dir", deadLetters.toString(), "crystal.redelivery.maximum", String.valueOf(MAX_REDELIVERIES));
        List<Long> letters = new ArrayList<>();
        try (RunningBus bus = RunningBus.start(settings)) {
            for (int i = 0; i < 50; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-ok-" + i, "C-ok")).statusCode()).isEqualTo(202);
                if (i % 10 == 0) {
                    assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-poison-" + i, "C-poison")).statusCode()).isEqualTo(202);
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterList(bus).path("total").asLong() == 5);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus, "C-ok")).isEqualTo(50 * 2500L));
            assertThat(balanceOf(bus, "C-poison")).isZero();
            Tallies tallies = bus.bean("tallies", Tallies.class);
            assertThat(tallies.total("poison", "attempts")).isEqualTo(5L * (1 + MAX_REDELIVERIES));
            for (JsonNode letter : deadLetterList(bus).path("deadLetters")) {
                assertThat(letter.path("stage").asText()).isEqualTo("balance");
                assertThat(letter.path("error").asText()).contains("the handler choked");
                assertThat(letter.path("replayRoute").asText()).isEqualTo("balance");
                letters.add(letter.path("id").asLong());
            }

            tallies.add("poison", "cured", 1);
            long first = letters.get(0);
            assertThat(replay(bus, first, null).statusCode()).isEqualTo(401);
            assertThat(replay(bus, first, "wrong").statusCode()).isEqualTo(401);
            for (long id : letters.subList(0, 4)) {
                assertThat(replay(bus, id, "s3cret").statusCode()).isEqualTo(202);
            }
            HttpResponse<String> again = replay(bus, first, "s3cret");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("was replayed at");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(bus, "C-poison")).isEqualTo(4 * 2500L));
            assertThat(replay(bus, 999, "s3cret").statusCode()).isEqualTo(404);
        }

        try (RunningBus restarted = RunningBus.start(settings)) {
            Tallies tallies = restarted.bean("tallies", Tallies.class);
            tallies.add("poison", "cured", 1);
            JsonNode list = deadLetterList(restarted);
            assertThat(list.path("total").asLong()).isEqualTo(5);
            assertThat(list.path("deadLetters").findValues("replayedAt")).hasSize(4);
            assertThat(replay(restarted, letters.get(0), "s3cret").statusCode()).isEqualTo(409);
            // the command line: list, then replay the one still waiting (password from the environment only)
            String url = restarted.uri("").toString();
            assertThat(cli(Map.of(), "list", "--url", url)).startsWith("0 200 GET").contains("replayedAt");
            assertThat(cli(Map.of(), "replay", String.valueOf(letters.get(4)), "--url", url)).startsWith("2 set CRYSTAL_ADMIN_PASSWORD");
            assertThat(cli(Map.of("CRYSTAL_ADMIN_PASSWORD", "s3cret"), "replay", String.valueOf(letters.get(4)), "--url", url))
                    .startsWith("0 202 POST").contains("replayed into balance");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(balanceOf(restarted, "C-poison")).isEqualTo(2500L));
            assertThat(deadLetterList(restarted).path("total").asLong()).isEqualTo(5);
        }
    }

    /** The exit code and the output of {@code dead-letters ...}. */
    private static String cli(Map<String, String> environment, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "dead-letters";
        System.arraycopy(args, 0, command, 1, args.length);
        io.crystalbus.support.Cli run = io.crystalbus.support.Cli.run(environment, prompt -> null, command);
        return run.exitCode() + " " + run.out();
    }

    private HttpResponse<String> replay(RunningBus bus, long id, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(bus.uri("/api/v1/dead-letters/" + id + "/replay"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (password != null) {
            request.header("Authorization", RunningBus.basic("admin", password));
        }
        return bus.send(request);
    }

    private JsonNode deadLetterList(RunningBus bus) throws Exception {
        return json.readTree(bus.get("/api/v1/dead-letters").body());
    }

    private long balanceOf(RunningBus bus, String customer) throws Exception {
        return json.readTree(bus.get("/api/v1/balances/" + customer).body()).path("balance").asLong();
    }
}
