package io.crystalbus.domain.freeplay;

import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.RejectedMessageException;
import java.util.concurrent.ConcurrentHashMap;

/** Each customer's free-play credit, changed exactly once per message id and atomically per customer. */
public final class FreePlayCredits {
    /** A customer's free-play credit in minor units of its currency. */
    public record Credit(String currency, long amount) {
    }

    private final ConcurrentHashMap<String, Credit> credits = new ConcurrentHashMap<>();
    private final ProcessedIds applied;

    public FreePlayCredits(int rememberedIds) {
        this.applied = new ProcessedIds(rememberedIds);
    }

    /** Applies the command; false when its message id was applied before. */
    public boolean apply(String messageId, FreePlayCommand command) {
        return applied.applyOnce(messageId,
                () -> credits.compute(command.customerId(), (customer, before) -> next(customer, before, command))).isPresent();
    }

    private static Credit next(String customer, Credit before, FreePlayCommand command) {
        Credit current = before == null ? new Credit(command.currency(), 0) : before;
        if (!current.currency().equals(command.currency())) {
            throw new RejectedMessageException("currency-mismatch", "free-play credit of " + customer + " is in "
                    + current.currency() + ", the command is in " + command.currency());
        }
        long amount = command.amount();
        return switch (command.action()) {
            case GRANT -> new Credit(current.currency(), Math.addExact(current.amount(), amount));
            case CONSUME -> {
                if (amount > current.amount()) {
                    throw new RejectedMessageException("insufficient-free-play", "customer " + customer + " has "
                            + current.amount() + " free-play credit, " + amount + " was asked");
                }
                yield new Credit(current.currency(), current.amount() - amount);
            }
            case EXPIRE -> new Credit(current.currency(), amount == 0 ? 0 : Math.max(0, current.amount() - amount));
        };
    }

    /** The customer's credit, or empty for a customer who never had any. */
    public java.util.Optional<Credit> creditOf(String customerId) {
        return java.util.Optional.ofNullable(credits.get(customerId));
    }
}
