package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.domain.settlement.SettlementService;
import io.crystalbus.domain.settlement.SettlementStatus;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10,000 wagers across 500 customers and 20 agents, mixed outcomes and free play, posted through the HTTP
 * API in JSON and YAML lists from four client threads. Every balance, free-play credit and accrual is
 * checked against totals this test computes from the brief's rules by itself.
 */
class SettlementSystemTest {
    private static final int WAGERS = 10_000;
    private static final int CUSTOMERS = 500;
    private static final int AGENTS = 20;
    private static final int PER_REQUEST = 50;
    private static final String[] OUTCOMES = {"WIN", "LOSS", "LOSS", "PUSH", "VOID", "WIN"};

    record Wager(String id, int customer, long stake, long payout, String outcome, boolean freePlay) {
        String customerId() {
            return "C-sys-" + customer;
        }

        String agentId() {
            return "A-sys-" + customer % AGENTS;
        }

        String json() {
            return Wagers.json(id, customerId(), agentId(), stake, payout, outcome, freePlay);
        }

        String yamlItem() {
            return """
                    - wagerId: %s
                      customerId: %s
                      agentId: %s
                      currency: USD
                      stake: %d
                      payout: %d
                      outcome: %s
                      freePlay: %s
                      settledAt: 2026-11-27T12:00:00Z
                    """.formatted(id, customerId(), agentId(), stake, payout, outcome, freePlay);
        }

        /** Cash credited, by the brief's rules. */
        long cash() {
            if (freePlay) {
                return outcome.equals("WIN") ? payout - stake : 0;
            }
            return switch (outcome) {
                case "WIN" -> payout;
                case "PUSH", "VOID" -> stake;
                default -> 0;
            };
        }

        long freePlayCredit() {
            return freePlay && (outcome.equals("PUSH") || outcome.equals("VOID")) ? stake : 0;
        }

        /** 5% of what the house keeps: the stake taken (cash wagers only) minus the cash returned. */
        long commission() {
            long kept = (freePlay ? 0 : stake) - cash();
            return kept * 500 / 10_000;
        }
    }

    /** The same route files on both transports: SEDA in memory, and Artemis queues with the durable ledger. */
    static java.util.stream.Stream<Map<String, String>> transports() throws Exception {
        return java.util.stream.Stream.of(Map.of(),
                Map.of("crystal.transport", "jms", "crystal.store", "jdbc",
                        "crystal.data.dir", java.nio.file.Files.createTempDirectory("crystal-system-jms").toString()));
    }

    @ParameterizedTest(name = "transport settings {0}")
    @MethodSource("transports")
    void tenThousandWagersSettleToTheExpectedBalancesAndAccruals(Map<String, String> transport) throws Exception {
        Random random = new Random(42);
        List<Wager> wagers = new ArrayList<>(WAGERS);
        for (int i = 0; i < WAGERS; i++) {
            long stake = 100 + random.nextInt(9_900);
            String outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
            long payout = outcome.equals("WIN") ? stake + random.nextInt(40_000) : random.nextInt(3) * stake;
            wagers.add(new Wager("W-sys-" + i, random.nextInt(CUSTOMERS), stake, payout, outcome, random.nextInt(10) == 0));
        }
        long[] cash = new long[CUSTOMERS];
        long[] credit = new long[CUSTOMERS];
        long[] accrued = new long[AGENTS];
        for (Wager w : wagers) {
            cash[w.customer()] += w.cash();
            credit[w.customer()] += w.freePlayCredit();
            accrued[w.customer() % AGENTS] += w.commission();
        }

        try (RunningBus bus = RunningBus.start(transport)) {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int from = 0; from < WAGERS; from += PER_REQUEST) {
                List<Wager> chunk = wagers.subList(from, from + PER_REQUEST);
                boolean yaml = (from / PER_REQUEST) % 2 == 1;
                String body = yaml
                        ? String.join("", chunk.stream().map(Wager::yamlItem).toList())
                        : "[" + String.join(",", chunk.stream().map(Wager::json).toList()) + "]";
                responses.add(clients.submit(() -> bus.post("/api/v1/wagers/settled", yaml ? "application/yaml" : "application/json", body)));
            }
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
            clients.shutdown();

            SettlementService settlement = bus.bean("settlement", SettlementService.class);
            // a bound against a hang, not a speed check: on Artemis and SQLite the 10,000 take about 40 s on 2 cores
            // alone, and one CI run shared the cores with other work and needed more than 60 s
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() ->
                    wagers.stream().allMatch(w -> settlement.tracker().status(w.id())
                            .map(s -> s.state() == SettlementStatus.State.COMPLETED).orElse(false)));

            ObjectMapper json = new ObjectMapper();
            for (int c = 0; c < CUSTOMERS; c++) {
                JsonNode balance = json.readTree(bus.get("/api/v1/balances/C-sys-" + c).body());
                assertThat(balance.get("balance").asLong()).as("cash of C-sys-" + c).isEqualTo(cash[c]);
                assertThat(balance.get("freePlay").asLong()).as("free play of C-sys-" + c).isEqualTo(credit[c]);
            }
            for (int a = 0; a < AGENTS; a++) {
                JsonNode accruals = json.readTree(bus.get("/api/v1/agents/A-sys-" + a + "/accruals").body()).get("accruals");
                long total = 0;
                for (JsonNode accrual : accruals) {
                    total += accrual.get("accrued").asLong();
                }
                assertThat(total).as("accrued by A-sys-" + a).isEqualTo(accrued[a]);
            }
            assertThat(json.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong()).isZero();
        }
    }
}
