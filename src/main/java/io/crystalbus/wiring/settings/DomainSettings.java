package io.crystalbus.wiring.settings;

import io.crystalbus.config.BusSettings;

/**
 * The domains' settings.
 *
 * @param commissionBps      {@code crystal.settlement.commission-bps}: the agent's share of the house's net result
 * @param rememberedIds      {@code crystal.idempotency.capacity}: message ids remembered per domain in memory
 * @param settlementStatuses {@code crystal.settlement.status-capacity}: settlement statuses kept for the API
 * @param talliesCapacity    {@code crystal.tallies.capacity}: keys the tallies of YAML-added domains keep
 */
public record DomainSettings(int commissionBps, int rememberedIds, int settlementStatuses, int talliesCapacity) {

    public static DomainSettings from(BusSettings settings) {
        return new DomainSettings(settings.integer("crystal.settlement.commission-bps"), settings.integer("crystal.idempotency.capacity"),
                settings.integer("crystal.settlement.status-capacity"), settings.integer("crystal.tallies.capacity"));
    }
}
