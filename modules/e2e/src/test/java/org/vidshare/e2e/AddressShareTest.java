package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code server.max-busy-workers-per-address}: one address's requests hold at most that many workers
 * at once, and another address is not held up behind them. Seen in the server's request log: each
 * line is written as its request is answered and says how long it had run (ms=), so two requests
 * whose spans do not meet did not run at the same time. Logins are the probe (each runs a password
 * hash of a few hundred ms on one of two hashing threads); with a share of two (the control) the same
 * two logins from one address run side by side, so the first assertion can fail.
 */
class AddressShareTest {
    /** The log's times are whole milliseconds, as is ms=: a span's start is known to a millisecond or two. */
    private static final long ROUNDING_MILLIS = 2;

    @TempDir
    Path dir;

    @Test
    void withAShareOfOneAnAddressRunsOneRequestAtATimeAndAnotherAddressRunsBeside() throws Exception {
        List<Span> spans = threeLogins(1);
        List<Span> second = spans.stream().filter(s -> s.from().equals("127.0.0.2")).toList();
        Span other = spans.stream().filter(s -> s.from().equals("127.0.0.1")).findFirst().orElseThrow();
        assertThat(second).hasSize(2);
        assertThat(second.get(0).meets(second.get(1))).as("127.0.0.2's two logins with a share of one: %s", spans)
                .isFalse();
        assertThat(second).as("127.0.0.1's login runs beside 127.0.0.2's: %s", spans).anyMatch(other::meets);
    }

    @Test
    void withAShareOfTwoTheSameLoginsRunSideBySide() throws Exception {
        List<Span> second = threeLogins(2).stream().filter(s -> s.from().equals("127.0.0.2")).toList();
        assertThat(second).hasSize(2);
        assertThat(second.get(0).meets(second.get(1))).as("127.0.0.2's two logins with a share of two: %s", second)
                .isTrue();
    }

    /** Two logins from 127.0.0.2 and one from 127.0.0.1, sent at once; their spans from the request log. */
    private List<Span> threeLogins(int share) throws Exception {
        ServerCli.Serving child = ServerCli.serve(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("share-" + share).toString(),
                "--set", "server.max-busy-workers-per-address=" + share,
                "--set", "password.pbkdf2-iterations=300000", "--set", "password.hash-threads=2",
                // The per-address hashing cap would refuse the second login instead of letting it wait.
                "--set", "password.max-concurrent-per-address=100"));
        List<VidShareClient> clients = new ArrayList<>();
        try {
            clients.add(Nodes.client(child.port(), "127.0.0.2"));
            clients.add(Nodes.client(child.port(), "127.0.0.2"));
            clients.add(Nodes.client(child.port(), "127.0.0.1"));
            assertCode(TestServer.register(clients.get(2), "alice", "user"), "ok");
            List<ClientReply> logins = Wire.race(clients, (client, i) -> client.login("alice", TestServer.PASSWORD));
            assertThat(logins).extracting(ClientReply::code).containsOnly("ok");
            return RequestLog.await(child, line -> line.type().equals("login") && line.code().equals("ok"), 3).stream()
                    .map(line -> new Span(line.from(), line.start(), line.end())).toList();
        } finally {
            for (VidShareClient client : clients) {
                client.close();
            }
            child.close();
        }
    }

    private record Span(String from, long start, long end) {
        /** Whether the two spans overlap by more than the log's rounding. */
        boolean meets(Span other) {
            return Math.min(end, other.end) - Math.max(start, other.start) > ROUNDING_MILLIS;
        }
    }
}
