package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.balance.AccountBalance;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests raced against the start. The API port opens before the routes exist; until the bus has started, every
 * path is told to retry, in JSON with {@code Retry-After}, never Vert.x's HTML 404 page, and nothing sent early is
 * applied unless it was answered 202.
 */
class ApiStartTest {
    private static final String CUSTOMER = "C-early";

    @Test
    void untilTheBusHasStartedEveryApiPathAnswers503WithRetryAfterInJson() throws Exception {
        RunningBus bus = RunningBus.notStarted(Map.of());
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            try {
                bus.bus().start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<HttpResponse<String>> early = new ArrayList<>();
        int accepted = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            HttpResponse<String> answer;
            try {
                answer = i % 2 == 0 ? bus.get("/api/v1/openapi.json")
                        : bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-early-" + i, CUSTOMER));
            } catch (IllegalStateException portNotOpenYet) {
                continue;
            }
            if (answer.statusCode() == 503) {
                early.add(answer);
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
            if (answer.statusCode() == 202) {
                accepted++;
            }
            if (accepted >= 3) {
                break;
            }
        }
        starting.get(60, TimeUnit.SECONDS);
        try {
            assertThat(accepted).as("wagers accepted once the bus had started").isEqualTo(3);
            assertThat(early).as("the port opens before the routes exist: some requests came early").isNotEmpty();
            assertThat(early).allSatisfy(answer -> {
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(answer.body()).startsWith("{\"error\":\"the bus is starting");
            });
            bus.awaitIdle();
            long balance = bus.bean("ledger", Ledger.class).balance(CUSTOMER).map(AccountBalance::balance).orElse(0L);
            assertThat(balance).as("only the accepted wagers are applied").isEqualTo(2500L * accepted);
        } finally {
            bus.close();
        }
    }
}
