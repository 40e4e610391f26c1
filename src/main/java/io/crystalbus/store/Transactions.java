package io.crystalbus.store;

import java.util.function.Supplier;

/**
 * Several stores' changes as one unit: in the database one transaction (the stores' own transactions join it),
 * in memory simply in order. A balance change and the settlement it completes commit together this way.
 */
@FunctionalInterface
public interface Transactions {
    /** In memory there is nothing to join: the work just runs. */
    Transactions NONE = new Transactions() {
        @Override
        public <T> T inOne(Supplier<T> work) {
            return work.get();
        }
    };

    /** Runs the work as one unit; in the database it may run again when its transaction collides with another. */
    <T> T inOne(Supplier<T> work);
}
