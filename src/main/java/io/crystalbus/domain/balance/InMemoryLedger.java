package io.crystalbus.domain.balance;

import io.crystalbus.domain.ProcessedIds;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger in this JVM's memory, for the SEDA transport and benchmarks: the message id is claimed once
 * ({@link ProcessedIds#applyOnce}) and the account updated in {@link ConcurrentHashMap#compute}, atomic per
 * customer.
 */
public final class InMemoryLedger implements Ledger {
    private final ConcurrentHashMap<String, AccountBalance> accounts = new ConcurrentHashMap<>();
    private final ProcessedIds applied;

    public InMemoryLedger(int rememberedIds) {
        this.applied = new ProcessedIds(rememberedIds);
    }

    @Override
    public Optional<BalanceChanged> apply(String messageId, BalanceAdjust adjustment) {
        return applied.applyOnce(messageId, () -> {
            AccountBalance after = accounts.compute(adjustment.customerId(), (customer, before) -> AccountBalance.after(before, adjustment));
            return new BalanceChanged(adjustment.customerId(), adjustment.currency(), adjustment.amount(),
                    after.balance(), adjustment.reason(), adjustment.reference());
        });
    }

    @Override
    public Optional<AccountBalance> balance(String customerId) {
        return Optional.ofNullable(accounts.get(customerId));
    }
}
