package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A full inbox answers 503 with Retry-After; resending the whole request later applies every wager once. */
class BackpressureTest {

    @Test
    void aFullInboxAnswers503AndTheRetryIsAppliedOnce() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.queue.settlement.size", "5",
                "crystal.queue.settlement.offer-timeout-ms", "50"))) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(Wagers.winJson("W-bp-" + i, "C-bp"));
            }
            String body = "[" + String.join(",", items) + "]";
            bus.context().getRouteController().suspendRoute("settlement");
            // five single wagers fill the five slots; the list (one batch, one slot) then finds the inbox full
            for (int i = 0; i < 5; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", items.get(i)).statusCode()).isEqualTo(202);
            }

            HttpResponse<String> full = bus.postJson("/api/v1/wagers/settled", body);
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(full.body()).contains("at capacity");

            bus.context().getRouteController().resumeRoute("settlement");
            await().atMost(Duration.ofSeconds(10)).until(() -> bus.get("/api/v1/balances/C-bp").statusCode() == 200);
            assertThat(bus.postJson("/api/v1/wagers/settled", body).statusCode()).isEqualTo(202);

            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(json.readTree(bus.get("/api/v1/balances/C-bp").body()).get("balance").asLong()).isEqualTo(10 * 2500));
            bus.awaitIdle(); // the list's repeats of the first five handled too
            assertThat(json.readTree(bus.get("/api/v1/balances/C-bp").body()).get("balance").asLong()).isEqualTo(10 * 2500);
        }
    }
}
