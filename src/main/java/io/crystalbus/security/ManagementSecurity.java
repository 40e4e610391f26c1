package io.crystalbus.security;

import io.crystalbus.wiring.BusSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on Basic authentication for the management server (metrics, health, Jolokia) when
 * {@link AuthenticationPolicy} asks for it, before Camel Main configures the server. Camel's Basic handler
 * reads users from a properties file, so the operator account is written to one (owner-only) under data/.
 */
public final class ManagementSecurity extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementSecurity.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        BusSettings settings = new BusSettings(properties);
        if (!settings.flag("camel.management.enabled", false)) {
            return;
        }
        String host = settings.string("camel.management.host", "0.0.0.0");
        Optional<AdminCredentials> credentials = new AuthenticationPolicy(settings, System.getenv())
                .credentialsFor("camel.management.host", host);
        if (credentials.isEmpty()) {
            return;
        }
        Path users = writeUsersFile(Path.of(settings.string("crystal.data.dir", "data"), "security", "management-users.properties"),
                credentials.get());
        properties.addOverrideProperty("camel.management.authenticationEnabled", "true");
        properties.addOverrideProperty("camel.management.basicPropertiesFile", users.toAbsolutePath().toString());
        LOG.info("Management server on {} requires a login (user {})", host, credentials.get().user());
    }

    static Path writeUsersFile(Path file, AdminCredentials credentials) {
        if (credentials.user().matches(".*[\\s=:,].*") || credentials.password().contains("\n")) {
            throw new IllegalArgumentException("crystal.admin.user must not contain blanks, '=', ':' or ','; the password no line breaks");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // vertx-auth-properties format: user.<name> = <password>,<role>
            String content = "user." + credentials.user() + " = " + credentials.password().replace("\\", "\\\\").replace(",", "\\,")
                    + ",admin\nrole.admin = *\n";
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
