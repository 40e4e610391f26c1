package io.crystalbus.domain.balance;

/** A customer's cash balance in minor units of its currency. */
public record AccountBalance(String customerId, String currency, long balance) {
}
