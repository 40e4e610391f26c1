package io.crystalbus.security.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.security.AdminCredentials;
import io.crystalbus.support.Cli;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiCredentialsTest {
    private static final String HASH = SecretHash.ofPassword("a-long-password".toCharArray(), 1000);

    private static ApiCredentials lines(String text) {
        return ApiCredentials.load(Optional.empty(), Optional.of(text), Optional.empty());
    }

    @Test
    void aPasswordIsStoredAsAPbkdf2HashThatOnlyItMatches() {
        String stored = SecretHash.ofPassword("a-long-password".toCharArray());
        assertThat(stored).startsWith("pbkdf2-sha256:" + SecretHash.ITERATIONS + ":").doesNotContain("a-long-password");
        assertThat(SecretHash.matches(stored, "a-long-password")).isTrue();
        assertThat(SecretHash.matches(stored, "a-long-passwore")).isFalse();
        // salted: the same password never gives the same line twice
        assertThat(SecretHash.ofPassword("a-long-password".toCharArray())).isNotEqualTo(stored);
    }

    @Test
    void usersAndTokensAuthenticateWithTheirRolesAndNothingElseDoes() {
        String token = SecretHash.newToken();
        ApiCredentials credentials = lines("""
                # comment and blank lines are ignored

                user alice %s operator,read
                token feed %s ingest
                """.formatted(HASH, SecretHash.ofToken(token)));
        assertThat(credentials.user("alice", "a-long-password")).get()
                .satisfies(p -> assertThat(p.roles()).isEqualTo(EnumSet.of(Role.OPERATOR, Role.READ)));
        assertThat(credentials.user("alice", "wrong")).isEmpty();
        assertThat(credentials.user("bob", "a-long-password")).isEmpty();
        assertThat(credentials.token(token)).get().satisfies(p -> assertThat(p.name()).isEqualTo("feed"));
        assertThat(credentials.token(token + "x")).isEmpty();
        assertThat(credentials.hasApiEntries()).isTrue();
        assertThat(credentials.anyoneMay(Role.INGEST)).isTrue();
    }

    @Test
    void theOperatorAccountIsAUserWithEveryRole() {
        ApiCredentials credentials = ApiCredentials.load(Optional.empty(), Optional.empty(), Optional.of(new AdminCredentials("admin", "s3cret")));
        assertThat(credentials.user("admin", "s3cret")).get().satisfies(p -> assertThat(p.roles()).containsExactlyInAnyOrder(Role.values()));
        assertThat(credentials.user("admin", "S3cret")).isEmpty();
        assertThat(credentials.hasApiEntries()).isFalse();
        assertThat(credentials.isEmpty()).isFalse();
    }

    @Test
    void aBadLineStopsTheStartNamingItsLine() {
        assertThatThrownBy(() -> lines("user alice " + HASH)).hasMessageStartingWith(ApiCredentials.ENV + ":1: expected");
        assertThatThrownBy(() -> lines("\nuser alice plain-text-password read")).hasMessageStartingWith(ApiCredentials.ENV + ":2: a stored secret");
        assertThatThrownBy(() -> lines("user alice " + SecretHash.ofToken("x") + " read")).hasMessageContaining("pbkdf2");
        assertThatThrownBy(() -> lines("token feed " + HASH + " ingest")).hasMessageContaining("sha256");
        assertThatThrownBy(() -> lines("user alice " + HASH + " root")).hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> lines("user al/ice " + HASH + " read")).hasMessageContaining("a name is");
        assertThatThrownBy(() -> lines("user alice " + HASH + " read\nuser alice " + HASH + " ingest")).hasMessageContaining("appears twice");
        String token = SecretHash.ofToken("same");
        assertThatThrownBy(() -> lines("token a " + token + " read\ntoken b " + token + " ingest")).hasMessageContaining("are the same token");
    }

    @Test
    void theCommandPrintsLinesTheBusReads() throws Exception {
        Cli user = Cli.run(Map.of(), prompt -> "a-long-password".toCharArray(), "credentials", "user", "alice", "read,ingest");
        assertThat(user.exitCode()).isZero();
        String userLine = user.out().strip();
        assertThat(userLine).startsWith("user alice pbkdf2-sha256:").endsWith(" ingest,read").doesNotContain("a-long-password");

        Cli tokenLines = Cli.run("credentials", "token", "feed", "ingest");
        assertThat(tokenLines.exitCode()).isZero();
        String[] printed = tokenLines.out().strip().split("\\R");
        String token = printed[1].substring(2);
        ApiCredentials credentials = lines(userLine + "\n" + printed[2]);
        assertThat(credentials.user("alice", "a-long-password")).isPresent();
        assertThat(credentials.token(token)).get().satisfies(p -> assertThat(p.roles()).containsExactly(Role.INGEST));

        Cli shortPassword = Cli.run(Map.of(), prompt -> "short".toCharArray(), "credentials", "user", "bob", "read");
        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.out()).contains("at least 12 characters");
    }

    @Test
    void repeatedFailuresFromOneAddressWaitLongerEachTimeUpToTheCap() {
        AtomicLong now = new AtomicLong();
        FailedLogins logins = new FailedLogins(3, Duration.ofSeconds(8), now::get);
        for (int i = 0; i < 3; i++) {
            logins.failed("10.0.0.1");
            assertThat(logins.waitSeconds("10.0.0.1")).as("free failure %d", i + 1).isZero();
        }
        logins.failed("10.0.0.1");
        assertThat(logins.waitSeconds("10.0.0.1")).isEqualTo(1);
        assertThat(logins.waitSeconds("10.0.0.2")).as("another address").isZero();
        logins.failed("10.0.0.1");
        assertThat(logins.waitSeconds("10.0.0.1")).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            logins.failed("10.0.0.1");
        }
        assertThat(logins.waitSeconds("10.0.0.1")).as("capped").isEqualTo(8);
        now.addAndGet(Duration.ofSeconds(8).toNanos());
        assertThat(logins.waitSeconds("10.0.0.1")).isZero();
        logins.succeeded("10.0.0.1");
        logins.failed("10.0.0.1");
        assertThat(logins.waitSeconds("10.0.0.1")).as("a success starts the count again").isZero();
    }

    @Test
    void theRoleAnEndpointNeedsComesFromItsMethodAndPath() {
        assertThat(RequiredRole.of("POST", "/api/v1/wagers/settled")).isEqualTo(Role.INGEST);
        assertThat(RequiredRole.of("GET", "/api/v1/dead-letters")).isEqualTo(Role.READ);
        assertThat(RequiredRole.of("HEAD", "/api/v1/balances/C-1")).isEqualTo(Role.READ);
        assertThat(RequiredRole.of("POST", "/api/v1/dead-letters/7/replay")).isEqualTo(Role.OPERATOR);
        assertThat(RequiredRole.of("GET", "/api/v1/admin/rollout")).isEqualTo(Role.OPERATOR);
        assertThat(RequiredRole.of("DELETE", "/api/v1/balances/C-1")).isEqualTo(Role.INGEST);
    }
}
