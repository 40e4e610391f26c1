package io.crystalbus.bench.floor;

import io.crystalbus.domain.settlement.SettlementPlan;
import io.crystalbus.domain.settlement.SettlementRules;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CommissionAccrued;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.Periods;
import io.crystalbus.message.WagerSettled;
import java.util.ArrayList;
import java.util.List;

/**
 * The little the floors do with a message, so that they make the real flow's hops: a settled wager becomes the
 * follow-ups the settlement domain sends (the settlement rules are arithmetic), a free-play command becomes its
 * balance change. No ledger, no ids, no stores: what is left is the cost of moving the messages.
 */
final class FloorWork {
    static final String COMMISSION = "commission.accrued";
    static final String FREE_PLAY = "freeplay";
    static final String BALANCE = "balance.adjust";
    private static final SettlementRules RULES = new SettlementRules(500);

    /** A follow-up and the flow it goes to. */
    record FollowUp(String type, Object body) {
    }

    private FloorWork() {
    }

    /** As the settlement domain sends them: the commission when there is one, then free play or the balance change. */
    static List<FollowUp> followUps(WagerSettled wager) {
        SettlementPlan plan = RULES.plan(wager);
        List<FollowUp> followUps = new ArrayList<>(2);
        if (plan.commission() != 0) {
            followUps.add(new FollowUp(COMMISSION, new CommissionAccrued(wager.agentId(), wager.customerId(), wager.wagerId(),
                    wager.currency(), plan.commission(), Periods.of(wager.settledAt()))));
        }
        followUps.add(plan.freePlay() != null ? new FollowUp(FREE_PLAY, plan.freePlay())
                : new FollowUp(BALANCE, new BalanceAdjust(wager.customerId(), wager.currency(), plan.cashCredit(), AdjustReason.SETTLEMENT, wager.wagerId())));
        return followUps;
    }

    /** As the free-play domain hands a settlement on: its cash winnings, possibly 0, to balance. */
    static BalanceAdjust winnings(FreePlayCommand command) {
        return new BalanceAdjust(command.customerId(), command.currency(), command.winningsOrZero(), AdjustReason.SETTLEMENT, command.wagerId());
    }
}
