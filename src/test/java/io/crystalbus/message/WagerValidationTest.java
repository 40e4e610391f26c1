package io.crystalbus.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WagerValidationTest {

    private static List<Violation> violations(WagerSettled wager) {
        Violations v = new Violations();
        wager.validate(v);
        return v.list();
    }

    private static WagerSettled wager(String currency, Long stake, Long payout, Outcome outcome) {
        return new WagerSettled(null, "W-1", "C-1", "A-1", currency, stake, payout, outcome, false, Instant.EPOCH);
    }

    @Test
    void aGoodWagerHasNoViolations() {
        assertThat(violations(wager("USD", 1000L, 2500L, Outcome.WIN))).isEmpty();
    }

    @Test
    void eachBrokenRuleNamesFieldValueAndRule() {
        List<Violation> found = violations(new WagerSettled("bad id!", " ", null, "A-1", "usd", -1L,
                Violations.MAX_AMOUNT + 1, null, null, null));
        assertThat(found).extracting(Violation::field).containsExactly(
                "messageId", "wagerId", "customerId", "currency", "stake", "payout", "outcome", "settledAt");
        assertThat(found.get(4)).isEqualTo(Violation.of("stake", -1L, "must be between 0 and 1000000000000 (minor units)"));
    }

    @Test
    void aWinMustPayAtLeastTheStake() {
        assertThat(violations(wager("USD", 1000L, 999L, Outcome.WIN))).singleElement()
                .extracting(Violation::rule).asString().contains("at least the stake");
        assertThat(violations(wager("USD", 1000L, 0L, Outcome.LOSS))).isEmpty();
    }

    @Test
    void periodsAreIsoWeeks() {
        assertThat(Periods.of(Instant.parse("2026-11-27T12:00:00Z"))).isEqualTo("2026-W48");
        assertThat(Periods.of(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("2026-W53");
        assertThat(Periods.of(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo("1970-W01");
        assertThat(Periods.isValid("2026-W48")).isTrue();
        assertThat(Periods.isValid("2026-48")).isFalse();
    }
}
