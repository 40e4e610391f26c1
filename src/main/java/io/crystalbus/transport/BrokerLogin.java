package io.crystalbus.transport;

import io.crystalbus.config.BusSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The broker account: {@code crystal.broker.user} with {@code crystal.broker.password}
 * or the environment variable {@value #PASSWORD_ENV}. The bus's own connections log in with it; the embedded
 * broker, when it listens beyond this JVM, accepts this account and no other. {@link #toString()} hides the
 * password.
 */
public record BrokerLogin(String user, String password) {
    public static final String PASSWORD_ENV = "CRYSTAL_BROKER_PASSWORD";

    public static Optional<BrokerLogin> from(BusSettings settings, Map<String, String> environment) {
        String user = settings.text("crystal.broker.user");
        return settings.secret("crystal.broker.password", environment, PASSWORD_ENV).map(password -> new BrokerLogin(user, password));
    }

    @Override
    public String toString() {
        return "BrokerLogin[user=" + user + ", password=****]";
    }
}
