package io.crystalbus.store;

import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        try {
            return applied.applyOnce(change.messageId(),
                            () -> amounts.compute(change.key(), (key, before) -> change.rule().after(key, before)))
                    .map(after -> new Outcome(after, null)).orElse(Outcome.DUPLICATE);
        } catch (RejectedMessageException e) {
            return new Outcome(null, e);
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
    public Map<String, String> currencies(Collection<String> keys) {
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            Amount amount = amounts.get(key);
            if (amount != null) {
                found.put(key, amount.currency());
            }
        }
        return found;
    }
}
