package io.crystalbus.security.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code credentials user <name> <roles>} ({@code cli.CredentialsCli}) reads a password (without echo on a terminal, else one line of
 * standard input) and prints the line for {@code crystal.api.credentials-file} with the password hashed;
 * {@code credentials token <name> <roles>} makes a random API token, prints it once for the client and the
 * line (with the token's hash) for the file.
 */
public final class CredentialsCommand {
    private CredentialsCommand() {
    }

    /** Prints a user's line: the password read from {@code password} hashed, and the roles. */
    public static int user(String name, String roles, PasswordSource password, PrintStream out) throws IOException {
        return refusedOr(out, () -> {
            String line = "user " + checkedName(name) + " ";
            String labels = labels(roles);
            char[] secret = password.read("password for " + name + ": ");
            if (secret == null || secret.length < 12) {
                throw new IllegalArgumentException("a password has at least 12 characters");
            }
            out.println(line + SecretHash.ofPassword(secret) + " " + labels);
        });
    }

    /** Makes a random API token, prints it once for the client and the line (with the token's hash) for the file. */
    public static int token(String name, String roles, PrintStream out) throws IOException {
        return refusedOr(out, () -> {
            String line = "token " + checkedName(name) + " ";
            String labels = labels(roles);
            String token = SecretHash.newToken();
            out.println("# the token, for the client only (send it as 'Authorization: Bearer <token>'; it is not stored):");
            out.println("# " + token);
            out.println(line + SecretHash.ofToken(token) + " " + labels);
        });
    }

    private interface Lines {
        void print() throws IOException;
    }

    private static int refusedOr(PrintStream out, Lines lines) throws IOException {
        try {
            lines.print();
            return 0;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return name;
    }

    private static String labels(String roles) {
        return String.join(",", Role.parse(roles).stream().map(Role::label).toList());
    }

    /** Where a password comes from. */
    public interface PasswordSource {
        char[] read(String prompt) throws IOException;

        /** The terminal without echo when there is one, else the first line of standard input. */
        static PasswordSource system(BufferedReader stdin) {
            return prompt -> {
                java.io.Console console = System.console();
                if (console != null) {
                    return console.readPassword("%s", prompt);
                }
                String line = stdin.readLine();
                return line == null ? null : line.toCharArray();
            };
        }
    }
}
