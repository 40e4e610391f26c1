package io.crystalbus.message;

/** {@code collection.received}: a deposit or payment from a customer, credited to the cash balance. */
public record CollectionReceived(
        String messageId,
        String collectionId,
        String customerId,
        String agentId,
        String currency,
        Long amount,
        String method) implements Inbound {

    @Override
    public void validate(Violations v) {
        v.optionalId("messageId", messageId)
                .id("collectionId", collectionId)
                .id("customerId", customerId)
                .id("agentId", agentId)
                .currency("currency", currency)
                .amount("amount", amount, 1)
                .id("method", method);
    }

    @Override
    public String naturalKey() {
        return collectionId;
    }
}
