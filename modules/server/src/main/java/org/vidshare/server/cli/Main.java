package org.vidshare.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vidshare.server.VidShareServer;
import org.vidshare.server.config.ConfigException;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.config.ServerConfig;
import org.vidshare.server.plugin.PluginLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidshare-server}: the command line of the server. */
@Command(name = "vidshare-server", mixinStandardHelpOptions = true, version = "vidshare 1.0",
        subcommands = {Main.Serve.class, AddAdmin.class, Status.class, Backup.class},
        description = "The VidShare video-sharing server.")
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options shared by the commands that open the server's data. */
    static class DataOptions {
        @Option(names = "--data-dir", description = "data directory (H2 file, storage, partials, plugins); default ./data")
        Path dataDir;

        @Option(names = "--jdbc-url", description = "JDBC URL of the database; default an H2 file under the data directory")
        String jdbcUrl;

        @Option(names = "--config", description = "a properties file of configuration keys")
        Path configFile;

        @Option(names = "--set", description = "key=value, any configuration key (repeatable)")
        List<String> assignments = new ArrayList<>();

        /** Flags win over the file, the file over the environment ({@link ServerConfig#layered}). */
        ServerConfig config() {
            List<String> flags = new ArrayList<>();
            if (dataDir != null) {
                flags.add(ConfigKey.DATA_DIR.key() + "=" + dataDir);
            }
            if (jdbcUrl != null) {
                flags.add(ConfigKey.DB_URL.key() + "=" + jdbcUrl);
            }
            flags.addAll(assignments);
            ServerConfig config = ServerConfig.layered(System.getenv(), configFile, flags);
            // Before the first log line: the backend reads its configuration once, at that line.
            Logging.configure(config.get(ConfigKey.LOGGING_FILE));
            return config;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the server until stopped (SIGTERM shuts down cleanly).")
    static final class Serve extends DataOptions implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--host", description = "address to listen on; default 0.0.0.0")
        String host;

        @Option(names = "--port", description = "port to listen on; default 8087, 0 picks a free one")
        Integer port;

        @Override
        public Integer call() throws Exception {
            ServerConfig config;
            VidShareServer server;
            try {
                config = config();
                if (host != null) {
                    config.set(ConfigKey.SERVER_HOST.key(), host);
                }
                if (port != null) {
                    config.set(ConfigKey.SERVER_PORT.key(), port.toString());
                }
            } catch (ConfigException e) {
                System.err.println("vidshare-server: " + e.getMessage());
                return 2;
            }
            try {
                server = VidShareServer.start(config);
            } catch (ConfigException | PluginLoadException e) {
                System.err.println("vidshare-server: " + e.getMessage());
                return 2;
            } catch (jakarta.persistence.PersistenceException e) {
                System.err.println("vidshare-server: " + DatabaseFailure.describe(e, config.get(ConfigKey.DB_URL)));
                return 1;
            }
            StopSignals stop = StopSignals.install();
            // Any other way out of the JVM (System.exit elsewhere, SIGHUP) still stops cleanly.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vidshare-shutdown"));
            System.out.println("VidShare listening on " + config.get(ConfigKey.SERVER_HOST) + ":" + server.port()
                    + (server.tlsPort() > 0 ? " (TLS on port " + server.tlsPort() + ")" : ""));
            System.out.flush();
            stop.await();
            // Graceful: transfers in flight get server.shutdown-grace-seconds; then exit 0, as a
            // service manager expects of a stop it asked for.
            server.close();
            return 0;
        }
    }
}
