package io.crystalbus.domain.freeplay;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.MessageType;
import org.apache.camel.Message;

/**
 * The free-play domain's handler (bean {@code freePlay}). A command that belongs to a settled free-play wager
 * ends in that settlement's balance change (its cash winnings, possibly 0), which the route sends to balance.
 */
public final class FreePlayService {
    public static final String DOMAIN = "free-play";
    private final FreePlayCredits credits;

    public FreePlayService(FreePlayCredits credits) {
        this.credits = credits;
    }

    /** Applies the command; the body becomes the settlement's {@link BalanceAdjust}, or null when there is none. */
    public void handle(Message message) {
        FreePlayCommand command = Envelope.body(message, FreePlayCommand.class);
        boolean applied = credits.apply(Envelope.messageId(message), command);
        if (applied && command.wagerId() != null) {
            BalanceAdjust winnings = new BalanceAdjust(command.customerId(), command.currency(),
                    command.winningsOrZero(), AdjustReason.SETTLEMENT, command.wagerId());
            Envelope.forward(message, winnings, DOMAIN, MessageType.BALANCE_ADJUST.wireName(), "balance");
        } else {
            message.setBody(null);
        }
    }

    public FreePlayCredits credits() {
        return credits;
    }
}
