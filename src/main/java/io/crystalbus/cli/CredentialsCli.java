package io.crystalbus.cli;

import io.crystalbus.security.api.CredentialsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code credentials user|token <name> <roles>}: lines for {@code crystal.api.credentials-file}. The two kinds
 * are picocli command methods, taking the same name and roles.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true, description = "Prints lines for crystal.api.credentials-file.")
final class CredentialsCli {
    @ParentCommand
    CrystalBusCli cli;

    /** The name and roles both kinds of credential take. */
    static final class Holder {
        @Parameters(index = "0", paramLabel = "NAME", description = "1 to 64 letters, digits, '.', '_', '@' or '-'")
        String name;

        @Parameters(index = "1", paramLabel = "ROLES", description = "ingest, read, operator, comma-separated, or all")
        String roles;
    }

    @Command(name = "user", mixinStandardHelpOptions = true,
            description = "Reads a password (without echo on a terminal) and prints the user's line with it hashed.")
    int user(@Mixin Holder holder) throws Exception {
        return CredentialsCommand.user(holder.name, holder.roles, cli.password, cli.out);
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Makes an API token (bearer) and prints it once, with the line holding its hash.")
    int token(@Mixin Holder holder) throws Exception {
        return CredentialsCommand.token(holder.name, holder.roles, cli.out);
    }
}
