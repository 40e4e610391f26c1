package io.crystalbus.security;

import io.crystalbus.config.BusSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The one operator account that guards the admin surfaces (management server, Hawtio, admin API). The
 * password comes from {@code crystal.admin.password} or the environment variable
 * {@code CRYSTAL_ADMIN_PASSWORD}; there is no default. {@link #toString()} never shows it.
 */
public final class AdminCredentials {
    public static final String PASSWORD_ENV = "CRYSTAL_ADMIN_PASSWORD";
    private final String user;
    private final byte[] password;

    public AdminCredentials(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    public static Optional<AdminCredentials> from(BusSettings settings, Map<String, String> environment) {
        String user = settings.text("crystal.admin.user");
        return settings.secret("crystal.admin.password", environment, PASSWORD_ENV).map(password -> new AdminCredentials(user, password));
    }

    public String user() {
        return user;
    }

    /** The password, for handing to a login service; never log it. */
    public String password() {
        return new String(password, StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the password. */
    public boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), candidateUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password, candidatePassword.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + user + ", password=****]";
    }
}
