package io.crystalbus.domain.balance;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceChanged;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import org.apache.camel.Message;

/** The balance domain's handler (bean {@code balance}): applies adjustments to the {@link Ledger}. */
public final class BalanceService {
    public static final String DOMAIN = "balance";
    private final Ledger ledger;

    public BalanceService(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Applies the adjustment in the message body; the body becomes the {@link BalanceChanged}, or null when
     * the message id was applied before.
     */
    public void apply(Message message) {
        String messageId = Envelope.messageId(message);
        BalanceAdjust adjustment = Envelope.body(message, BalanceAdjust.class);
        BalanceChanged changed = ledger.apply(messageId, adjustment).orElse(null);
        message.setHeader(CrystalHeaders.TYPE, MessageType.BALANCE_CHANGED.wireName());
        message.setHeader(CrystalHeaders.SOURCE, DOMAIN);
        message.setBody(changed);
    }

    public Ledger ledger() {
        return ledger;
    }
}
