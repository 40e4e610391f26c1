package io.crystalbus.security.api;

import io.crystalbus.security.AdminCredentials;
import io.crystalbus.config.BusSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the API: people (user name and password, HTTP Basic) and machine clients (bearer tokens), each
 * with its roles. Read from lines of the form
 * <pre>
 * user  alice          pbkdf2-sha256:600000:&lt;salt&gt;:&lt;hash&gt;  operator,read
 * token settlement-feed sha256:&lt;hex&gt;                             ingest
 * </pre>
 * in {@code crystal.api.credentials-file} and in the environment variable {@value #ENV} (blank lines and
 * {@code #} comments ignored), so no secret is stored in clear. The operator account
 * ({@code crystal.admin.user}/{@code crystal.admin.password} or {@code CRYSTAL_ADMIN_PASSWORD}) is a user
 * with every role.
 */
public final class ApiCredentials {
    public static final String ENV = "CRYSTAL_API_CREDENTIALS";
    public static final String FILE_SETTING = "crystal.api.credentials-file";

    /** A user or token: its name, stored secret and roles. */
    public record Entry(String name, String secret, Set<Role> roles) {
    }

    /** Who a request authenticated as. */
    public record Principal(String name, Set<Role> roles) {
        public boolean may(Role role) {
            return roles.contains(role);
        }
    }

    /** A hash no password matches, made on first use. */
    private static final class UnknownUser {
        static final String HASH = SecretHash.ofPassword(SecretHash.newToken().toCharArray());
    }

    private final Map<String, Entry> users;
    private final Map<String, Entry> tokens;
    private final Optional<AdminCredentials> operator;

    ApiCredentials(Map<String, Entry> users, List<Entry> tokens, Optional<AdminCredentials> operator) {
        this.users = Map.copyOf(users);
        Map<String, Entry> byHash = new LinkedHashMap<>();
        tokens.forEach(token -> {
            if (byHash.putIfAbsent(token.secret(), token) != null) {
                throw new IllegalArgumentException("tokens '" + byHash.get(token.secret()).name() + "' and '" + token.name() + "' are the same token");
            }
        });
        this.tokens = Map.copyOf(byHash);
        this.operator = operator;
    }

    /** From {@value #FILE_SETTING}, {@value #ENV} and the operator account's settings. */
    public static ApiCredentials from(BusSettings settings, Map<String, String> environment) {
        return load(settings.string(FILE_SETTING).map(Path::of), Optional.ofNullable(environment.get(ENV)).filter(value -> !value.isBlank()),
                AdminCredentials.from(settings, environment));
    }

    /**
     * @param file        the credentials file, if one is configured
     * @param environment lines from {@value #ENV}, if set
     */
    public static ApiCredentials load(Optional<Path> file, Optional<String> environment, Optional<AdminCredentials> operator) {
        Map<String, Entry> users = new LinkedHashMap<>();
        List<Entry> tokens = new ArrayList<>();
        file.ifPresent(path -> parse(read(path), path.toString(), users, tokens));
        environment.ifPresent(lines -> parse(lines, ENV, users, tokens));
        operator.ifPresent(admin -> {
            if (users.containsKey(admin.user())) {
                throw new IllegalArgumentException("user '" + admin.user() + "' is both crystal.admin.user and a user in the API credentials");
            }
        });
        return new ApiCredentials(users, tokens, operator);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(FILE_SETTING + ": cannot read " + file, e);
        }
    }

    private static void parse(String text, String source, Map<String, Entry> users, List<Entry> tokens) {
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            String where = source + ":" + number + ": ";
            if (fields.length != 4 || !(fields[0].equals("user") || fields[0].equals("token"))) {
                throw new IllegalArgumentException(where + "expected 'user <name> <password hash> <roles>' or 'token <name> <token hash> <roles>'");
            }
            if (!fields[1].matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException(where + "a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            Entry entry;
            try {
                SecretHash.checkFormat(fields[2]);
                entry = new Entry(fields[1], fields[2], Role.parse(fields[3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            if (fields[0].equals("user")) {
                if (!SecretHash.isPassword(entry.secret())) {
                    throw new IllegalArgumentException(where + "a user's password is stored as pbkdf2-sha256:...");
                }
                if (users.putIfAbsent(entry.name(), entry) != null) {
                    throw new IllegalArgumentException(where + "user '" + entry.name() + "' appears twice");
                }
            } else {
                if (SecretHash.isPassword(entry.secret())) {
                    throw new IllegalArgumentException(where + "a token is stored as sha256:<hex> (tokens are random, a KDF adds nothing)");
                }
                tokens.add(entry);
            }
        }
    }

    /** Whether anyone at all can log in (when nobody can, a loopback API stays open as before). */
    public boolean isEmpty() {
        return users.isEmpty() && tokens.isEmpty() && operator.isEmpty();
    }

    /** Whether users or tokens are configured besides the operator account (then every API call needs a login). */
    public boolean hasApiEntries() {
        return !users.isEmpty() || !tokens.isEmpty();
    }

    /** Whether some caller holds the role (the admin API is off when nobody may operate). */
    public boolean anyoneMay(Role role) {
        return operator.isPresent()
                || users.values().stream().anyMatch(e -> e.roles().contains(role))
                || tokens.values().stream().anyMatch(e -> e.roles().contains(role));
    }

    /** The user with this password, if any (slow on purpose for stored users: callers cache a success). */
    public Optional<Principal> user(String name, String password) {
        if (operator.isPresent() && operator.get().user().equals(name)) {
            return operator.get().matches(name, password) ? Optional.of(new Principal(name, EnumSet.allOf(Role.class))) : Optional.empty();
        }
        Entry entry = users.get(name);
        if (entry == null) {
            // as slow as a known user's check, so the answer's timing does not tell which names exist
            SecretHash.matches(UnknownUser.HASH, password);
            return Optional.empty();
        }
        return SecretHash.matches(entry.secret(), password) ? Optional.of(new Principal(entry.name(), entry.roles())) : Optional.empty();
    }

    /** The client holding this bearer token, if any (looked up by the token's hash). */
    public Optional<Principal> token(String token) {
        Entry entry = tokens.get(SecretHash.ofToken(token));
        return entry == null ? Optional.empty() : Optional.of(new Principal(entry.name(), entry.roles()));
    }
}
