package io.crystalbus.domain.settlement;

import io.crystalbus.message.FreePlayCommand;

/**
 * What one settled wager changes.
 *
 * @param cashCredit      credited to the cash balance directly (cash wagers)
 * @param freePlay        the command for the free-play domain (free-play wagers), which then credits the
 *                        winnings; null for cash wagers
 * @param commission      the agent's commission (signed), 0 when there is none
 * @param houseNet        what the house keeps (stake taken minus cash returned), the commission base
 */
public record SettlementPlan(long cashCredit, FreePlayCommand freePlay, long commission, long houseNet) {
}
