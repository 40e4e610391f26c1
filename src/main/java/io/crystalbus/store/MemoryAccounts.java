package io.crystalbus.store;

import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Accounts} in this JVM's memory (lost at a stop): the message id is claimed once
 * ({@link ProcessedIds#applyOnce}) and the key updated in {@link ConcurrentHashMap#compute}, atomic per key.
 */
public final class MemoryAccounts implements Accounts {
    private final ConcurrentHashMap<String, Amount> amounts = new ConcurrentHashMap<>();
    private final ProcessedIds applied;

    public MemoryAccounts(int rememberedIds) {
        this.applied = new ProcessedIds(rememberedIds);
    }

    @Override
    public List<Outcome> applyAll(List<Change> changes) {
        List<Outcome> outcomes = new ArrayList<>(changes.size());
        for (Change change : changes) {
            outcomes.add(apply(change));
        }
        return outcomes;
    }

    @Override
    public Outcome apply(Change change) {
        // ProcessedIds#applyOnce's steps by hand: no Optional per change on the hot path
        if (!applied.markNew(change.messageId())) {
            return Outcome.DUPLICATE;
        }
        try {
            return new Outcome(amounts.compute(change.key(), (key, before) -> change.rule().after(key, before)), null);
        } catch (RejectedMessageException e) {
            applied.forget(change.messageId());
            return new Outcome(null, e);
        } catch (RuntimeException e) {
            applied.forget(change.messageId());
            throw e;
        }
    }

    @Override
    public String currencyOf(String key) {
        Amount amount = amounts.get(key);
        return amount == null ? null : amount.currency();
    }

    @Override
    public Optional<Amount> get(String key) {
        return Optional.ofNullable(amounts.get(key));
    }

    @Override
    public Function<String, String> currencies(Collection<String> keys) {
        return this::currencyOf;
    }
}
