package io.crystalbus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.domain.settlement.SettlementPlan;
import io.crystalbus.domain.settlement.SettlementRules;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettlementRulesTest {
    private final SettlementRules rules = new SettlementRules(500);

    private static WagerSettled wager(Outcome outcome, boolean freePlay) {
        return new WagerSettled(null, "W-1", "C-1", "A-1", "USD", 1000L, 2500L, outcome, freePlay, Instant.parse("2026-11-27T12:00:00Z"));
    }

    @ParameterizedTest(name = "cash {0}: credit {1}, commission {2}")
    @CsvSource({"WIN, 2500, -75", "LOSS, 0, 50", "PUSH, 1000, 0", "VOID, 1000, 0"})
    void cashWagers(Outcome outcome, long credit, long commission) {
        SettlementPlan plan = rules.plan(wager(outcome, false));
        assertThat(plan.cashCredit()).isEqualTo(credit);
        assertThat(plan.commission()).isEqualTo(commission);
        assertThat(plan.freePlay()).isNull();
    }

    @ParameterizedTest(name = "free play {0}: {1} credit {2}, winnings {3}, commission {4}")
    @CsvSource({"WIN, CONSUME, 0, 1500, -75", "LOSS, CONSUME, 0, 0, 0", "PUSH, GRANT, 1000, 0, 0", "VOID, GRANT, 1000, 0, 0"})
    void freePlayWagersNeverReturnTheStakeAsCash(Outcome outcome, FreePlayAction action, long credit, long winnings, long commission) {
        SettlementPlan plan = rules.plan(wager(outcome, true));
        assertThat(plan.cashCredit()).isZero();
        assertThat(plan.freePlay().action()).isEqualTo(action);
        assertThat(plan.freePlay().amount()).isEqualTo(credit);
        assertThat(plan.freePlay().winningsOrZero()).isEqualTo(winnings);
        assertThat(plan.freePlay().wagerId()).isEqualTo("W-1");
        assertThat(plan.commission()).isEqualTo(commission);
    }

    @Test
    void commissionTruncatesTowardZeroAndSurvivesTheLargestAmounts() {
        WagerSettled odd = new WagerSettled(null, "W-2", "C-1", "A-1", "USD", 999L, 0L, Outcome.LOSS, false, Instant.EPOCH);
        assertThat(rules.plan(odd).commission()).isEqualTo(49); // 49.95 truncated
        long max = io.crystalbus.message.Violations.MAX_AMOUNT;
        WagerSettled huge = new WagerSettled(null, "W-3", "C-1", "A-1", "USD", max, 0L, Outcome.LOSS, false, Instant.EPOCH);
        assertThat(new SettlementRules(10_000).plan(huge).commission()).isEqualTo(max);
    }

    @Test
    void commissionRateIsBounded() {
        assertThatThrownBy(() -> new SettlementRules(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SettlementRules(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
