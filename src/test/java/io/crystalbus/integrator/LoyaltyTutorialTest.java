package io.crystalbus.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.Cli;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial "Adding a domain" of docs/integrator-guide.md, with its files as they are in docs/examples/loyalty. */
class LoyaltyTutorialTest {
    private static final String LOYALTY_INBOX = "seda:loyalty?size=10000&blockWhenFull=true&offerTimeout=2000";

    @Test
    void theTutorialsFilesValidate() throws Exception {
        Cli validate = Cli.run("validate", "docs/examples/loyalty");
        assertThat(validate.out()).startsWith("OK: 1 route files, ");
        assertThat(validate.exitCode()).isZero();
    }

    @Test
    void theLoyaltyDomainAwardsAPointPerSettledWagerOnce() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.routes.dir", "docs/examples/loyalty",
                "crystal.outbox.settlements", LOYALTY_INBOX))) {
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < 3; i++) {
                assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-loyal-" + i, "C-loyal")).statusCode()).isEqualTo(202);
            }
            // a repeat of a settled wager settles nothing new and awards nothing
            assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-loyal-0", "C-loyal")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(json.readTree(bus.get("/api/v1/loyalty/C-loyal").body()).path("total").asLong()).isEqualTo(3));
            bus.awaitIdle(); // the repeat handled too
            assertThat(json.readTree(bus.get("/api/v1/loyalty/C-loyal").body()).path("total").asLong()).isEqualTo(3);
            assertThat(bus.context().getRoute("loyalty")).isNotNull();
        }
    }
}
