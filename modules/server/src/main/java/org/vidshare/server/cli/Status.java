package org.vidshare.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidshare-server status}: a health check for scripts and monitors. Exit 0 only when the
 * server answers hello; otherwise 1 with one line on stderr saying why.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Exits 0 when the server at --host:--port answers hello, 1 (with the reason) otherwise.")
final class Status implements Callable<Integer> {
    static final int DOWN = 1;

    @Option(names = "--host", description = "the server's address; default 127.0.0.1")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "the server's port; default 8087")
    int port = 8087;

    @Option(names = "--timeout-seconds", description = "how long to wait for the connection and the reply; default 10")
    int timeoutSeconds = 10;

    @Override
    public Integer call() {
        String where = host + ":" + port;
        try (WireProbe probe = WireProbe.connect(host, port, Math.max(1, timeoutSeconds) * 1000)) {
            ObjectNode hello = probe.hello();
            if (!WireProbe.ok(hello)) {
                System.err.println("vidshare-server status: " + where + " refused hello: " + WireProbe.describe(hello));
                return DOWN;
            }
            System.out.println("ok: " + where + " answers hello (" + hello.path("server").asText("?")
                    + ", protocol " + hello.path("protocol").asText("?") + ")");
            return 0;
        } catch (IOException e) {
            System.err.println("vidshare-server status: no hello from " + where + ": " + WireProbe.describe(e));
            return DOWN;
        }
    }
}
