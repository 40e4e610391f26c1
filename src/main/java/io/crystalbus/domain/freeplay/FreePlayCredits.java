package io.crystalbus.domain.freeplay;

import io.crystalbus.message.FreePlayCommand;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.store.Accounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each customer's free-play credit, changed exactly once per message id and atomically per customer, on
 * {@link Accounts} in memory or in the durable store.
 */
public final class FreePlayCredits {
    public static final String SCOPE = "free-play";

    /** A customer's free-play credit in minor units of its currency. */
    public record Credit(String currency, long amount) {
    }

    /** One command of a batch and the message id it is applied once under. */
    public record Entry(String messageId, FreePlayCommand command) {
    }

    private final Accounts accounts;

    public FreePlayCredits(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Applies the command; false when its message id was applied before.
     *
     * @throws RejectedMessageException when the command can never apply
     */
    public boolean apply(String messageId, FreePlayCommand command) {
        Accounts.Outcome outcome = accounts.apply(change(messageId, command));
        if (outcome.rejected() != null) {
            throw outcome.rejected();
        }
        return outcome.applied();
    }

    /** Applies a batch as one operation (one transaction in the durable store), in order, each message id once. */
    public List<Accounts.Outcome> applyAll(List<Entry> entries) {
        List<Accounts.Change> changes = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            changes.add(change(entry.messageId(), entry.command()));
        }
        return accounts.applyAll(changes);
    }

    private static Accounts.Change change(String messageId, FreePlayCommand command) {
        return new Accounts.Change(messageId, command.customerId(), (customer, before) -> next(customer, before, command));
    }

    private static Accounts.Amount next(String customer, Accounts.Amount before, FreePlayCommand command) {
        Accounts.Amount current = before == null ? new Accounts.Amount(command.currency(), 0) : before;
        if (!current.currency().equals(command.currency())) {
            throw new RejectedMessageException("currency-mismatch", "free-play credit of " + customer + " is in "
                    + current.currency() + ", the command is in " + command.currency());
        }
        long amount = command.amount();
        return switch (command.action()) {
            case GRANT -> {
                try {
                    yield new Accounts.Amount(current.currency(), Math.addExact(current.value(), amount));
                } catch (ArithmeticException overflow) {
                    throw new RejectedMessageException("overflow", "free-play credit of " + customer + " would overflow");
                }
            }
            case CONSUME -> {
                if (amount > current.value()) {
                    throw new RejectedMessageException("insufficient-free-play", "customer " + customer + " has "
                            + current.value() + " free-play credit, " + amount + " was asked");
                }
                yield new Accounts.Amount(current.currency(), current.value() - amount);
            }
            case EXPIRE -> new Accounts.Amount(current.currency(), amount == 0 ? 0 : Math.max(0, current.value() - amount));
        };
    }

    /** The customer's credit, or empty for a customer who never had any. */
    public Optional<Credit> creditOf(String customerId) {
        return accounts.get(customerId).map(amount -> new Credit(amount.currency(), amount.value()));
    }

    /** The currency of the customer's credit, or null for a customer who never had any. */
    public String currencyOf(String customerId) {
        return accounts.currencyOf(customerId);
    }

    /** The currency of each customer's credit (null for one without), read at once for a batch. */
    public Function<String, String> currencies(Collection<String> customerIds) {
        return accounts.currencies(customerIds);
    }
}
