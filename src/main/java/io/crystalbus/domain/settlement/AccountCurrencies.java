package io.crystalbus.domain.settlement;

import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.message.RejectedMessageException;
import io.crystalbus.message.WagerSettled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The currencies customers hold, read before a wager's follow-ups leave: a wager the balance or free-play domain
 * would refuse for its currency is refused whole by settlement. A batch reads its customers at once. (An account
 * opened in another currency between this read and the balance change still refuses only the cash leg: the two
 * domains do not share a transaction.)
 */
public final class AccountCurrencies {
    private final Ledger ledger;
    private final FreePlayCredits credits;

    public AccountCurrencies(Ledger ledger, FreePlayCredits credits) {
        this.ledger = ledger;
        this.credits = credits;
    }

    /** What the wagers' customers hold, read at once: one lookup in memory, a few queries in a database. */
    public Known of(List<WagerSettled> wagers) {
        List<String> cash = new ArrayList<>(wagers.size());
        List<String> freePlay = new ArrayList<>();
        for (WagerSettled wager : wagers) {
            if (wager.customerId() != null) {
                // a free-play wager's winnings (possibly 0) are cash: both accounts must be in its currency
                cash.add(wager.customerId());
                if (wager.isFreePlay()) {
                    freePlay.add(wager.customerId());
                }
            }
        }
        return new Known(ledger.currencies(cash), freePlay.isEmpty() ? customer -> null : credits.currencies(freePlay));
    }

    /** The currencies read for one message or batch. */
    public record Known(Function<String, String> cash, Function<String, String> freePlay) {

        /** @throws RejectedMessageException when the customer's account (cash or free play) is in another currency */
        public void require(WagerSettled wager) {
            require(wager, cash.apply(wager.customerId()), "cash");
            if (wager.isFreePlay()) {
                require(wager, freePlay.apply(wager.customerId()), "free-play credit");
            }
        }

        static void require(WagerSettled wager, String held, String account) {
            if (held != null && !held.equals(wager.currency())) {
                throw new RejectedMessageException("currency-mismatch", "customer " + wager.customerId() + " holds "
                        + account + " in " + held + ", the wager is in " + wager.currency());
            }
        }
    }
}
