package io.crystalbus.wiring;

import io.crystalbus.config.BusSettings;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.domain.distributions.AccrualBook;
import io.crystalbus.domain.distributions.JdbcAccrualBook;
import io.crystalbus.domain.distributions.MemoryAccrualBook;
import io.crystalbus.domain.freeplay.FreePlayCredits;
import io.crystalbus.domain.settlement.JdbcSettlementTracker;
import io.crystalbus.domain.settlement.MemorySettlementTracker;
import io.crystalbus.domain.settlement.SettlementTracker;
import io.crystalbus.store.JdbcAccounts;
import io.crystalbus.store.JdbcStore;
import io.crystalbus.store.MemoryAccounts;
import io.crystalbus.store.Transactions;
import io.crystalbus.transport.Transport;
import io.crystalbus.wiring.settings.DomainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every domain's state, in one place of one kind ({@code crystal.store}): {@code memory} (this JVM; lost at a stop)
 * or {@code jdbc} (durable: one database for cash balances, free-play credits, accruals, settlement statuses,
 * payout runs and the ids of the messages applied; by default an SQLite file under {@code crystal.data.dir}/store).
 * {@code crystal.durable=true} or the durable transport ({@code crystal.transport=jms}) choose {@code jdbc} unless
 * {@code crystal.store} says otherwise.
 */
public record DomainStores(Ledger ledger, FreePlayCredits freePlay, SettlementTracker settlements, AccrualBook accruals,
                           Transactions transactions, Optional<JdbcStore> database) {
    public static final String SETTING = "crystal.store";
    /** The store's password from the environment, so it need not appear on a command line. */
    public static final String STORE_PASSWORD_ENV = "CRYSTAL_STORE_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(DomainStores.class);

    public static DomainStores of(BusSettings settings) {
        String kind = kind(settings);
        notDurableWarning(settings).ifPresent(LOG::warn);
        DomainSettings domain = DomainSettings.from(settings);
        switch (kind) {
            case "memory":
                return memory(domain.rememberedIds(), domain.settlementStatuses());
            case "jdbc":
                return jdbc(open(settings), domain.settlementStatuses());
            default:
                throw new IllegalArgumentException(SETTING + " must be memory or jdbc, not '" + kind + "'");
        }
    }

    /** The stores in memory, remembering about {@code rememberedIds} message ids per domain. */
    public static DomainStores memory(int rememberedIds, int settlementStatuses) {
        return new DomainStores(new Ledger(new MemoryAccounts(rememberedIds)), new FreePlayCredits(new MemoryAccounts(rememberedIds)),
                new MemorySettlementTracker(settlementStatuses), new MemoryAccrualBook(rememberedIds, 1_000), Transactions.NONE, Optional.empty());
    }

    /** The stores in the database (which the caller started and stops); settlements in flight in memory. */
    public static DomainStores jdbc(JdbcStore store, int settlementStatuses) {
        return new DomainStores(new Ledger(new JdbcAccounts(store, "account", Ledger.SCOPE)),
                new FreePlayCredits(new JdbcAccounts(store, "free_play_credit", FreePlayCredits.SCOPE)),
                new JdbcSettlementTracker(store, new MemorySettlementTracker(settlementStatuses)), new JdbcAccrualBook(store), store,
                Optional.of(store));
    }

    /** A durable transport keeps messages over a crash, but state in memory would still lose what they did. */
    static Optional<String> notDurableWarning(BusSettings settings) {
        if (Transport.of(settings) != Transport.JMS || !"memory".equals(kind(settings))) {
            return Optional.empty();
        }
        return Optional.of("crystal.transport=jms keeps queued messages over a crash, but crystal.store=memory keeps every "
                + "domain's state in this JVM: a stop or a crash loses the cash balances, free-play credits, accruals, settlement "
                + "statuses, payout runs and the ids of the messages applied (so redelivered messages would apply again). "
                + "Set crystal.store=jdbc, or crystal.durable=true.");
    }

    public static String kind(BusSettings settings) {
        boolean durable = settings.durable() || Transport.of(settings) == Transport.JMS;
        return settings.string(SETTING).orElse(durable ? "jdbc" : "memory");
    }

    private static JdbcStore open(BusSettings settings) {
        String url = settings.string("crystal.store.url").orElseGet(() -> defaultUrl(Path.of(settings.text("crystal.data.dir"))));
        return JdbcStore.open(url, settings.text("crystal.store.user"), settings.secret("crystal.store.password", System.getenv(), STORE_PASSWORD_ENV).orElse(""),
                settings.integer("crystal.store.pool-size"),
                Duration.ofHours(settings.integer("crystal.store.applied-ids.retention-hours")),
                Duration.ofSeconds(settings.integer("crystal.store.applied-ids.purge-interval-seconds")), Clock.systemUTC());
    }

    /**
     * The embedded store: an SQLite file under the data directory. Refuses to start beside the H2 file of an earlier
     * version, which would otherwise be left behind unread (its balances looking lost): H2 is no longer shipped
     * because it lost commits that had returned when the process was killed (docs/reliability.md).
     */
    static String defaultUrl(Path dataDir) {
        Path earlier = dataDir.resolve("ledger").resolve("ledger.mv.db");
        if (Files.exists(earlier)) {
            throw new IllegalStateException("the store of an earlier crystal-bus version (H2) is at " + earlier.toAbsolutePath()
                    + "; this version keeps it in SQLite at " + dataDir.resolve("store").toAbsolutePath()
                    + ". Move that file away to start with an empty store, or see docs/deployment.md (Moving an H2 store)");
        }
        return "jdbc:sqlite:" + dataDir.resolve("store").resolve("crystal.db").toAbsolutePath();
    }
}
