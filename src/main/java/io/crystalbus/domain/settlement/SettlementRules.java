package io.crystalbus.domain.settlement;

import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.FreePlayCommand.FreePlayAction;
import io.crystalbus.message.WagerSettled;

/**
 * The settlement rules of the brief. Cash wager: WIN credits the payout, PUSH and VOID refund the stake, LOSS
 * credits nothing (the stake was taken at placement). Free-play wager: never returns its stake as cash; WIN
 * credits {@code payout - stake}, PUSH and VOID give the stake back as free-play credit, LOSS credits nothing.
 * The agent's commission is {@code commissionBps} basis points of the house's net result on the wager,
 * truncated toward zero: positive when the customer lost, negative when the customer won.
 */
public final class SettlementRules {
    private static final long BASIS_POINTS = 10_000;
    private final long commissionBps;

    public SettlementRules(long commissionBps) {
        if (commissionBps < 0 || commissionBps > BASIS_POINTS) {
            throw new IllegalArgumentException("commission must be 0..10000 basis points: " + commissionBps);
        }
        this.commissionBps = commissionBps;
    }

    public SettlementPlan plan(WagerSettled wager) {
        long stake = wager.stake();
        long payout = wager.payout();
        if (wager.isFreePlay()) {
            // the free-play stake was never cash: the house only loses the winnings
            long winnings = switch (wager.outcome()) {
                case WIN -> payout - stake;
                case LOSS, PUSH, VOID -> 0;
            };
            FreePlayCommand command = switch (wager.outcome()) {
                case WIN, LOSS -> freePlay(wager, FreePlayAction.CONSUME, 0, winnings);
                case PUSH, VOID -> freePlay(wager, FreePlayAction.GRANT, stake, 0);
            };
            return new SettlementPlan(0, command, commission(-winnings), -winnings);
        }
        long cash = switch (wager.outcome()) {
            case WIN -> payout;
            case PUSH, VOID -> stake;
            case LOSS -> 0;
        };
        long houseNet = stake - cash;
        return new SettlementPlan(cash, null, commission(houseNet), houseNet);
    }

    private long commission(long houseNet) {
        // amounts are at most 10^12 and the rate at most 10^4: the product stays far below Long.MAX_VALUE
        return houseNet * commissionBps / BASIS_POINTS;
    }

    private static FreePlayCommand freePlay(WagerSettled wager, FreePlayAction action, long amount, long winnings) {
        return new FreePlayCommand(null, action, wager.customerId(), wager.currency(), amount, winnings, wager.wagerId());
    }
}
