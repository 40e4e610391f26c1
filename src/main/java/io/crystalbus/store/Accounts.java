package io.crystalbus.store;

import io.crystalbus.message.RejectedMessageException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Amounts in one currency per key (a customer's cash balance, a customer's free-play credit), each change
 * applied once per message id and atomically per key. The cash ledger and the free-play credits are the same
 * kind of state with different rules, so they share this store: one in memory ({@link MemoryAccounts}), one in
 * the database ({@link JdbcAccounts}), where a batch of changes and the ids of the messages that made them commit
 * in one transaction.
 */
public interface Accounts {

    /** A key's amount in minor units of its currency. */
    record Amount(String currency, long value) {
    }

    /** What a change does to a key's amount ({@code before} null for a key never seen). */
    @FunctionalInterface
    interface Rule {
        /** @throws RejectedMessageException when the change can never apply (currency, overflow, too little credit) */
        Amount after(String key, Amount before);
    }

    /** One change of a batch: applied once under {@code messageId}. */
    record Change(String messageId, String key, Rule rule) {
    }

    /** What happened to one change: {@code after} set when applied now; both null when applied before. */
    record Outcome(Amount after, RejectedMessageException rejected) {
        static final Outcome DUPLICATE = new Outcome(null, null);

        public boolean applied() {
            return after != null;
        }
    }

    /** Applies the changes in order, as one operation; one outcome per change. */
    List<Outcome> applyAll(List<Change> changes);

    /** Applies one change. */
    default Outcome apply(Change change) {
        return applyAll(List.of(change)).get(0);
    }

    Optional<Amount> get(String key);

    /** The currency of the key's amount, or null for a key never seen. */
    default String currencyOf(String key) {
        return get(key).map(Amount::currency).orElse(null);
    }

    /**
     * The currency of each of the keys (null for a key never seen), for a batch: read at once where reads cost a
     * round trip, looked up as asked where they do not.
     */
    Function<String, String> currencies(Collection<String> keys);
}
