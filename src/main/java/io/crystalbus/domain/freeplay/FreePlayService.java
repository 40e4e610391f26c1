package io.crystalbus.domain.freeplay;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.store.Accounts;
import java.util.ArrayList;
import java.util.List;

/**
 * The free-play domain: each customer's free-play credit. A command that belongs to a settled free-play wager
 * ends in that settlement's balance change (its cash winnings, possibly 0), which the route sends to balance.
 */
public final class FreePlayService {
    public static final String DOMAIN = "free-play";
    private final FreePlayCredits credits;

    public FreePlayService(FreePlayCredits credits) {
        this.credits = credits;
    }

    /**
     * Applies the commands (one, or a batch) as one operation of the credits (one transaction in the durable
     * store), each message id once. Results: the settlements' {@link BalanceAdjust}, under the command's id with
     * {@code /balance}, also for a command applied before: its first attempt may have stopped between the credit's
     * commit and the hand-off to balance, which applies the adjustment once by its id. A command the credit rules
     * refuse (not enough credit, another currency) is refused on its own.
     */
    public Handled<BalanceAdjust> apply(List<BatchItem<FreePlayCommand>> commands) {
        List<FreePlayCredits.Entry> entries = new ArrayList<>(commands.size());
        commands.forEach(item -> entries.add(new FreePlayCredits.Entry(item.messageId(), item.message())));
        List<Accounts.Outcome> outcomes = credits.applyAll(entries);
        List<BatchItem<BalanceAdjust>> winnings = new ArrayList<>(commands.size());
        List<Handled.Refused> refused = new ArrayList<>(0);
        for (int i = 0; i < commands.size(); i++) {
            BatchItem<FreePlayCommand> item = commands.get(i);
            FreePlayCommand command = item.message();
            RejectedMessageException rejected = outcomes.get(i).rejected();
            if (rejected != null) {
                refused.add(new Handled.Refused(item, rejected));
            } else if (command.wagerId() != null) {
                winnings.add(new BatchItem<>(item.messageId() + "/balance", item.correlationId(), item.createdAt(), winnings(command)));
            }
        }
        return new Handled<>(winnings, refused);
    }

    private static BalanceAdjust winnings(FreePlayCommand command) {
        return new BalanceAdjust(command.customerId(), command.currency(), command.winningsOrZero(), AdjustReason.SETTLEMENT, command.wagerId());
    }

    public FreePlayCredits credits() {
        return credits;
    }
}
