package io.crystalbus.security.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a caller of the API may do: post messages, read state (dead letters included), operate the bus. */
public enum Role {
    /** The POST endpoints that take messages in. */
    INGEST,
    /** The GET endpoints: balances, settlements, accruals, runs, dead letters. */
    READ,
    /** Admin, replay, rollout, tracing. */
    OPERATOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Roles from a comma-separated list ({@code ingest,read}); {@code all} for every role. */
    public static Set<Role> parse(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String item : list.split(",")) {
            String name = item.trim().toUpperCase(Locale.ROOT);
            if (name.equals("ALL")) {
                roles.addAll(EnumSet.allOf(Role.class));
                continue;
            }
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + item.trim() + "': use ingest, read, operator or all");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role given: use ingest, read, operator or all");
        }
        return roles;
    }
}
