package io.crystalbus.ingress;

import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.balance.AccountBalance;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.distributions.DistributionService;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.settlement.SettlementTracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/** The read side of the API (bean {@code queries}): balances, settlements, accruals, runs, dead letters. */
public final class QueryService {
    private static final int MAX_DEAD_LETTERS = 1_000;
    private final HttpReplies replies;
    private final Ledger ledger;
    private final FreePlayCredits freePlay;
    private final SettlementTracker settlements;
    private final DistributionService distributions;
    private final DeadLetters deadLetters;

    public QueryService(HttpReplies replies, Ledger ledger, FreePlayCredits freePlay, SettlementTracker settlements,
                        DistributionService distributions, DeadLetters deadLetters) {
        this.replies = replies;
        this.ledger = ledger;
        this.freePlay = freePlay;
        this.settlements = settlements;
        this.distributions = distributions;
        this.deadLetters = deadLetters;
    }

    public void balance(Exchange exchange) {
        String customerId = exchange.getMessage().getHeader("customerId", String.class);
        Optional<AccountBalance> cash = ledger.balance(customerId);
        Optional<FreePlayCredits.Credit> credit = freePlay.creditOf(customerId);
        Optional<Map<String, Object>> found = Optional.empty();
        if (cash.isPresent() || credit.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customerId", customerId);
            body.put("currency", cash.map(AccountBalance::currency).orElseGet(() -> credit.get().currency()));
            body.put("balance", cash.map(AccountBalance::balance).orElse(0L));
            body.put("freePlay", credit.map(FreePlayCredits.Credit::amount).orElse(0L));
            found = Optional.of(body);
        }
        reply(exchange, "customer " + customerId, found);
    }

    public void settlement(Exchange exchange) {
        String wagerId = exchange.getMessage().getHeader("wagerId", String.class);
        reply(exchange, "settlement of wager " + wagerId, settlements.status(wagerId).map(status -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("wagerId", status.wagerId());
            body.put("customerId", status.customerId());
            body.put("status", status.state());
            body.put("acceptedAtMicros", status.acceptedAtMicros());
            if (status.durationMicros() >= 0) {
                body.put("completedAtMicros", status.completedAtMicros());
                body.put("durationMicros", status.durationMicros());
                body.put("balanceDelta", status.balanceDelta());
            }
            if (status.reason() != null) {
                body.put("reason", status.reason());
            }
            return body;
        }));
    }

    public void accruals(Exchange exchange) {
        String agentId = exchange.getMessage().getHeader("agentId", String.class);
        replies.json(exchange, 200, Map.of("agentId", agentId, "accruals", distributions.book().ofAgent(agentId)));
    }

    public void run(Exchange exchange) {
        String runId = exchange.getMessage().getHeader("runId", String.class);
        reply(exchange, "distribution run " + runId, distributions.runStatus(runId));
    }

    public void deadLetters(Exchange exchange) {
        Integer limit = exchange.getMessage().getHeader("limit", 100, Integer.class);
        int bounded = Math.max(1, Math.min(limit, MAX_DEAD_LETTERS));
        String kind = exchange.getMessage().getHeader("kind", String.class);
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind == null || kind.isBlank()) {
            body.put("total", deadLetters.total());
            body.put("byReason", deadLetters.countsByReason());
            Map<String, Long> byKind = new LinkedHashMap<>();
            for (DeadLetters.Kind each : DeadLetters.Kind.values()) {
                byKind.put(each.name().toLowerCase(java.util.Locale.ROOT), deadLetters.total(each));
            }
            body.put("byKind", byKind);
            body.put("deadLetters", deadLetters.newest(bounded));
        } else if (kind.equals("failed") || kind.equals("refused")) {
            DeadLetters.Kind shelf = DeadLetters.Kind.of(kind);
            body.put("kind", kind);
            body.put("total", deadLetters.total(shelf));
            body.put("byReason", deadLetters.countsByReason(shelf));
            body.put("deadLetters", deadLetters.newest(bounded, shelf));
        } else {
            replies.json(exchange, 400, Map.of("error", "kind: must be failed (replayable) or refused (turned away at the door)"));
            return;
        }
        replies.json(exchange, 200, body);
    }

    private void reply(Exchange exchange, String what, Optional<?> found) {
        if (found.isPresent()) {
            replies.json(exchange, 200, found.get());
        } else {
            replies.json(exchange, 404, Map.of("error", what + " is not known"));
        }
    }
}
