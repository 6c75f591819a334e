package org.vidshare.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vidshare.core.hash.Passwords;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.server.config.ConfigException;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.config.ServerConfig;
import org.vidshare.server.persistence.Database;
import org.vidshare.server.persistence.JdbcTarget;
import org.vidshare.server.security.Pbkdf2PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidshare-server add-admin}: makes an admin account straight in the database, for a public
 * server where the first admin cannot register over the network. The server must be stopped (an
 * embedded H2 file admits one process). The password is read from stdin, never from the command
 * line, where other users could see it.
 */
@Command(name = "add-admin", mixinStandardHelpOptions = true,
        description = "Adds an admin account; reads its password from stdin (one line). Stop the server first.")
final class AddAdmin extends Main.DataOptions implements Callable<Integer> {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--name", required = true, description = "the admin's login name (1-32 characters)")
    String name;

    @Override
    public Integer call() {
        ServerConfig config;
        String accountName;
        String password;
        try {
            config = config();
            accountName = validName(name);
            password = readPassword();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("vidshare-server add-admin: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            System.err.println("vidshare-server add-admin: cannot read the password: " + e.getMessage());
            return BAD_INPUT;
        }
        // Stored exactly as a login expects: the slow hash of the md5 hex that clients send.
        String hash = new Pbkdf2PasswordHasher(config.getInt(ConfigKey.PASSWORD_PBKDF2_ITERATIONS))
                .hash(Passwords.md5Hex(password));
        String jdbcUrl = config.get(ConfigKey.DB_URL);
        Database database;
        try {
            Files.createDirectories(config.dataDir());
            database = Database.open(JdbcTarget.of(config), true);
        } catch (IOException | RuntimeException e) {
            System.err.println("vidshare-server add-admin: " + DatabaseFailure.describe(e, jdbcUrl));
            return FAILED;
        }
        try (database) {
            long now = System.currentTimeMillis();
            User admin = database.inTransaction(em -> {
                if (Users.byName(em, accountName).isPresent()) {
                    return null;
                }
                return Users.create(em, accountName, hash, User.TYPE_ADMIN, now, 0);
            });
            if (admin == null) {
                System.err.println("vidshare-server add-admin: the name '" + accountName + "' is already taken");
                return FAILED;
            }
            System.out.println("admin '" + accountName + "' added (user id " + admin.getId() + ")");
            return 0;
        } catch (CommandException | RuntimeException e) {
            System.err.println("vidshare-server add-admin: cannot add the admin: " + e.getMessage());
            return FAILED;
        }
    }

    /** The register command's own rule, so that the admin can log in under exactly this name. */
    private static String validName(String raw) {
        try {
            return Inputs.accountName(Request.fromMap(Map.of("name", raw)), "name");
        } catch (CommandException e) {
            throw new IllegalArgumentException("bad --name '" + raw + "': " + e.text().en());
        }
    }

    /** At a terminal: asked twice without echo. Otherwise: the first line of stdin, as given. */
    private String readPassword() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("Password for admin '%s': ", name);
            char[] again = console.readPassword("Repeat the password: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the passwords do not match");
            }
            password = new String(first);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            password = in.readLine();
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password given on stdin");
        }
        return password;
    }
}
