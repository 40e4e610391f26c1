package io.crystalbus.security.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code credentials user <name> <roles>} reads a password (without echo on a terminal, else one line of
 * standard input) and prints the line for {@code crystal.api.credentials-file} with the password hashed;
 * {@code credentials token <name> <roles>} makes a random API token, prints it once for the client and the
 * line (with the token's hash) for the file.
 */
public final class CredentialsCommand {
    static final String USAGE = "usage: credentials user <name> <roles> | credentials token <name> <roles>"
            + "   (roles: ingest, read, operator, comma-separated, or all)";

    private CredentialsCommand() {
    }

    /** @param password a password source: the console's no-echo prompt, or standard input */
    public static int run(String[] args, PasswordSource password, PrintStream out) throws IOException {
        if (args.length != 3 || !(args[0].equals("user") || args[0].equals("token"))) {
            out.println(USAGE);
            return 2;
        }
        String name = args[1];
        try {
            if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            String roles = String.join(",", Role.parse(args[2]).stream().map(Role::label).toList());
            if (args[0].equals("user")) {
                char[] secret = password.read("password for " + name + ": ");
                if (secret == null || secret.length < 12) {
                    throw new IllegalArgumentException("a password has at least 12 characters");
                }
                out.println("user " + name + " " + SecretHash.ofPassword(secret) + " " + roles);
            } else {
                String token = SecretHash.newToken();
                out.println("# the token, for the client only (send it as 'Authorization: Bearer <token>'; it is not stored):");
                out.println("# " + token);
                out.println("token " + name + " " + SecretHash.ofToken(token) + " " + roles);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
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
