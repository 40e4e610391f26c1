package io.crystalbus.security.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a secret and its check. Passwords: PBKDF2 with HMAC-SHA-256 (the JDK's standard KDF),
 * a random 16-byte salt and {@value #ITERATIONS} iterations (OWASP's 2023 figure), stored as
 * {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} in Base64. API tokens: random 32-byte values, so a plain
 * SHA-256 ({@code sha256:<hex>}) is enough to keep the file useless to whoever reads it. Checks compare in
 * constant time.
 */
public final class SecretHash {
    public static final int ITERATIONS = 600_000;
    private static final String PBKDF2 = "pbkdf2-sha256";
    private static final String SHA256 = "sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHash() {
    }

    public static String ofPassword(char[] password) {
        return ofPassword(password, ITERATIONS);
    }

    /** With fewer iterations, for tests only: the stored form names its iteration count. */
    static String ofPassword(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PBKDF2 + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(pbkdf2(password, salt, iterations));
    }

    public static String ofToken(String token) {
        return SHA256 + ":" + HexFormat.of().formatHex(sha256(token));
    }

    /** A new random API token (43 characters, URL-safe). */
    public static String newToken() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Whether the stored form is well formed (checked when the credentials file is read). */
    public static void checkFormat(String stored) {
        String[] parts = stored.split(":", -1);
        boolean ok = switch (parts[0]) {
            case PBKDF2 -> parts.length == 4 && parts[1].matches("[1-9][0-9]{3,8}") && decodes(parts[2]) && decodes(parts[3]);
            case SHA256 -> parts.length == 2 && parts[1].matches("[0-9a-f]{64}");
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("a stored secret is pbkdf2-sha256:<iterations>:<salt>:<hash> or sha256:<64 hex digits>"
                    + " (java -jar crystal-bus.jar credentials writes them)");
        }
    }

    public static boolean isPassword(String stored) {
        return stored.startsWith(PBKDF2 + ":");
    }

    public static boolean matches(String stored, String candidate) {
        String[] parts = stored.split(":", -1);
        byte[] expected;
        byte[] actual;
        if (parts[0].equals(PBKDF2)) {
            Base64.Decoder base64 = Base64.getDecoder();
            expected = base64.decode(parts[3]);
            actual = pbkdf2(candidate.toCharArray(), base64.decode(parts[2]), Integer.parseInt(parts[1]));
        } else {
            expected = HexFormat.of().parseHex(parts[1]);
            actual = sha256(candidate);
        }
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean decodes(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
