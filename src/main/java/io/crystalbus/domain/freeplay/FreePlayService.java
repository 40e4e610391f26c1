package io.crystalbus.domain.freeplay;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.store.Accounts;
import java.util.ArrayList;
import java.util.List;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.MessageType;
import org.apache.camel.Message;

/**
 * The free-play domain's handler (bean {@code free-play}). A command that belongs to a settled free-play wager
 * ends in that settlement's balance change (its cash winnings, possibly 0), which the route sends to balance.
 */
public final class FreePlayService {
    public static final String DOMAIN = "free-play";
    private static final String BALANCE_SUFFIX = "balance";
    private final FreePlayCredits credits;
    private final Batches batches;
    private final DeadLetters deadLetters;

    public FreePlayService(FreePlayCredits credits, Batches batches, DeadLetters deadLetters) {
        this.credits = credits;
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies the command; the body becomes the settlement's {@link BalanceAdjust}, or null when there is none. A
     * settlement's command applied before still forwards its winnings: the first attempt may have stopped between
     * the credit's commit and the hand-off to balance, which applies the adjustment once by its id.
     */
    public void handle(Message message) {
        FreePlayCommand command = Envelope.body(message, FreePlayCommand.class);
        credits.apply(Envelope.messageId(message), command);
        if (command.wagerId() != null) {
            Envelope.forward(message, winnings(command), DOMAIN, MessageType.BALANCE_ADJUST.wireName(), BALANCE_SUFFIX);
        } else {
            message.setBody(null);
        }
    }

    /**
     * Applies a batch of commands (by reference or as a frame), each message id once; the body becomes the
     * batch of the settlements' balance changes (header {@code CrystalBatchSize}, 0 when there are none), also
     * those of commands applied before (as in {@link #handle}). The batch is one operation of the credits (one
     * transaction in the durable store); a command the credit rules refuse becomes a dead letter; the rest go on.
     */
    public void handleBatch(Message message) {
        String type = message.getHeader(CrystalHeaders.TYPE, String.class);
        List<BatchItem<FreePlayCommand>> items = batches.items(message, FreePlayCommand.class);
        List<FreePlayCredits.Entry> entries = new ArrayList<>(items.size());
        items.forEach(item -> entries.add(new FreePlayCredits.Entry(item.messageId(), item.message())));
        List<Accounts.Outcome> outcomes = credits.applyAll(entries);
        List<BatchItem<?>> changes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem<FreePlayCommand> item = items.get(i);
            FreePlayCommand command = item.message();
            RejectedMessageException rejected = outcomes.get(i).rejected();
            if (rejected != null) {
                deadLetters.rejectItem(DOMAIN, item.messageId(), type, rejected, command);
            } else if (command.wagerId() != null) {
                changes.add(new BatchItem<>(item.messageId() + "/" + BALANCE_SUFFIX, item.correlationId(), item.createdAt(), winnings(command)));
            }
        }
        Envelope.forward(message, new Batch(changes), DOMAIN, MessageType.BALANCE_ADJUST.wireName(), BALANCE_SUFFIX);
        message.setHeader(CrystalHeaders.BATCH_SIZE, changes.size());
        message.removeHeaders("Content-*");
    }

    private static BalanceAdjust winnings(FreePlayCommand command) {
        return new BalanceAdjust(command.customerId(), command.currency(), command.winningsOrZero(), AdjustReason.SETTLEMENT, command.wagerId());
    }

    public FreePlayCredits credits() {
        return credits;
    }
}
