package org.vidshare.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vidshare.core.hash.Passwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidshare-server backup}: asks the running server for an online backup (the admin-only
 * {@code backup} command), logged in as an admin. The password comes from the environment
 * variable {@value #PASSWORD_VARIABLE} or the first line of stdin, never from the command line.
 * {@code --to} names a directory on the server's machine, inside its {@code backup.dir}.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Backs up the running server (database and movie files) into a new directory inside its backup.dir."
                + " Logs in as --name; the password is read from $" + Backup.PASSWORD_VARIABLE + " or stdin (one line).")
final class Backup implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "VIDSHARE_ADMIN_PASSWORD";
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--host", description = "the server's address; default 127.0.0.1")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "the server's port; default 8087")
    int port = 8087;

    @Option(names = "--name", required = true, description = "an admin's login name")
    String name;

    @Option(names = "--to", description = "the backup directory on the server, inside its backup.dir"
            + " (relative: taken inside it); default a new <backup.dir>/<UTC timestamp>")
    String to;

    @Option(names = "--timeout-seconds", description = "how long to wait for the backup's reply; default 3600")
    int timeoutSeconds = 3600;

    @Override
    public Integer call() {
        String password;
        try {
            password = password();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("vidshare-server backup: " + e.getMessage());
            return BAD_INPUT;
        }
        String where = host + ":" + port;
        try (WireProbe server = WireProbe.connect(host, port, 30_000)) {
            ObjectNode hello = server.hello();
            if (!WireProbe.ok(hello)) {
                return fail("hello refused by " + where + ": " + WireProbe.describe(hello));
            }
            ObjectNode login = server.call(Map.of("type", "login", "name", name,
                    "password", Passwords.md5Hex(password), "user_type", "admin"));
            if (!WireProbe.ok(login)) {
                return fail("login as '" + name + "' failed: " + WireProbe.describe(login));
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "backup");
            if (to != null) {
                request.put("to", to);
            }
            server.replyTimeout(Math.max(1, timeoutSeconds) * 1000);
            ObjectNode done = server.call(request);
            if (!WireProbe.ok(done)) {
                return fail(WireProbe.describe(done));
            }
            System.out.println("backup written to " + done.path("backup_dir").asText() + " on the server: "
                    + done.path("database_file").asText() + " and " + done.path("movie_count").asLong() + " movie files");
            return 0;
        } catch (IOException e) {
            return fail("no backup from " + where + ": " + WireProbe.describe(e));
        }
    }

    private static int fail(String reason) {
        System.err.println("vidshare-server backup: " + reason);
        return FAILED;
    }

    private String password() throws IOException {
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password: set " + PASSWORD_VARIABLE + " or give it on stdin");
        }
        return line;
    }
}
