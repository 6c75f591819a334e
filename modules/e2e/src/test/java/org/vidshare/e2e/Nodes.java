package org.vidshare.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Server nodes as an operator runs several: child JVMs of the packaged server on one PostgreSQL
 * database (a schema of their own) and one shared data directory, on loopback ports of their own.
 */
final class Nodes implements AutoCloseable {
    private final Path sharedDir;
    private final String schema;
    private final Map<String, String> settings;
    private final List<ServerCli.Serving> started = new ArrayList<>();

    private Nodes(Path sharedDir, String schema, Map<String, String> settings) {
        this.sharedDir = sharedDir;
        this.schema = schema;
        this.settings = settings;
    }

    /** A fresh schema and data directory for nodes started with {@link #start()}. */
    static Nodes onPostgres(Path sharedDir, Map<String, String> settings) throws Exception {
        PostgresSupport.assumeAvailable();
        return new Nodes(sharedDir, PostgresSupport.newSchema(), settings);
    }

    /** One more node; the password reaches it through the environment, never its command line. */
    ServerCli.Serving start() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", sharedDir.toString(),
                "--set", "db.url=" + PostgresSupport.urlOf(schema), "--set", "db.user=" + PostgresSupport.USER,
                "--set", "password.pbkdf2-iterations=1000",
                // Behind the test's balancer every client is one address (docs/deployment.md).
                "--set", "server.max-busy-workers-per-address=16"));
        settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        ServerCli.Serving node = ServerCli.serve(List.of(), args, Map.of("VIDSHARE_DB_PASSWORD", PostgresSupport.PASSWORD));
        started.add(node);
        return node;
    }

    static VidShareClient client(ServerCli.Serving node) throws IOException {
        return client(node.port());
    }

    /** A connection that said hello to a node, or to a balancer in front of nodes, on this loopback port. */
    static VidShareClient client(int port) throws IOException {
        return client(port, "127.0.0.1");
    }

    /** As {@link #client(int)}, from another loopback address (127.0.0.2...): another peer to the limits per address. */
    static VidShareClient client(int port, String fromAddress) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port, InetAddress.getByName(fromAddress));
        client.setReadTimeout(60_000);
        client.hello("en");
        return client;
    }

    /** A connection to {@code node} logged in as {@code name} (registered first when new). */
    static VidShareClient loggedIn(ServerCli.Serving node, String name, String userType) throws IOException {
        return loggedIn(node.port(), name, userType);
    }

    /** As {@link #loggedIn(ServerCli.Serving, String, String)}, on a loopback port (a node or a balancer). */
    static VidShareClient loggedIn(int port, String name, String userType) throws IOException {
        VidShareClient client = client(port);
        ClientReply registered = TestServer.register(client, name, userType);
        // conflict: the name exists; forbidden: an admin exists, so a later one cannot self-register.
        if (!registered.ok() && !"conflict".equals(registered.code()) && !"forbidden".equals(registered.code())) {
            throw new IllegalStateException("register " + name + ": " + registered);
        }
        ClientReply login = client.login(name, TestServer.PASSWORD);
        if (!login.ok()) {
            throw new IllegalStateException("login " + name + ": " + login);
        }
        return client;
    }

    /** The JDBC URL of the nodes' database, for checks from the side. */
    String jdbcUrl() {
        return PostgresSupport.urlOf(schema);
    }

    @Override
    public void close() throws Exception {
        for (ServerCli.Serving node : started) {
            node.close();
        }
        PostgresSupport.dropSchema(schema);
    }
}
