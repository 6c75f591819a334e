package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * Slow and many connections (issue 12 item 5): a header trickled a byte a second is closed at
 * {@code protocol.header-timeout-seconds} (2 s here) although bytes keep coming (the idle timeout
 * never fires for it), a header that completes in time is served, and {@code server.max-connections}
 * caps all connections together, whatever address they come from.
 */
@ServerSettings({"protocol.header-timeout-seconds=2", "server.max-connections=3"})
class SlowAndManyConnectionsTest extends OneServerPerClass {
    @Test
    void aTrickledHeaderIsClosedAtItsDeadline() throws Exception {
        byte[] ping = Frames.frame("{\"type\":\"ping\",\"padding\":\"................................\"}"
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            OutputStream out = socket.getOutputStream();
            int sent = 0;
            long started = System.nanoTime();
            try {
                for (; sent < ping.length; sent++) {
                    out.write(ping[sent]);
                    out.flush();
                    Thread.sleep(1_000);
                }
            } catch (IOException closed) {
                // The server closed mid-header: writes fail soon after.
            }
            socket.setSoTimeout(30_000);
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(read).as("closed without a reply").isEqualTo(-1);
            assertThat(sent).as("bytes sent before the close").isLessThan(ping.length);
            // The idle timeout (300 s) cannot be what closed it: bytes came every second.
            assertThat(seconds).as("seconds until the close").isLessThan(120);
        }
        // A header that completes within the deadline, even sent in pieces, is served.
        try (VidShareClient client = server.raw()) {
            client.sendRaw(java.util.Arrays.copyOf(ping, 10));
            Thread.sleep(500);
            client.sendRaw(java.util.Arrays.copyOfRange(ping, 10, ping.length));
            assertCode(client.readReply(), "ok");
        }
    }

    @Test
    void theTotalConnectionCapHoldsAcrossAddresses() throws Exception {
        List<VidShareClient> open = new ArrayList<>();
        try {
            assertThat(Wire.eventually(Duration.ofSeconds(30), () -> server.openConnectionCount() == 0)).isTrue();
            for (int i = 0; i < 3; i++) {
                open.add(server.client());
            }
            // Another address: the per-address limit (256) is far away, the total one is reached.
            try (Socket other = new Socket()) {
                other.bind(new InetSocketAddress("127.0.0.2", 0));
                other.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                other.setSoTimeout(30_000);
                DataInputStream in = new DataInputStream(other.getInputStream());
                byte[] reply = new byte[Integer.reverseBytes(in.readInt())];
                in.readFully(reply);
                JsonNode json = Json.parseObject(reply, 0, reply.length);
                assertThat(json.path("code").asText()).isEqualTo("too_many_requests");
                assertThat(in.read()).as("closed after the refusal").isEqualTo(-1);
            }
            for (VidShareClient client : open) {
                assertCode(Wire.ping(client), "ok");
            }
            open.remove(0).close();
            assertThat(Wire.eventually(Duration.ofSeconds(30), () -> server.openConnectionCount() == 2)).isTrue();
            VidShareClient again = server.client();
            open.add(again);
            assertCode(Wire.ping(again), "ok");
        } finally {
            for (VidShareClient client : open) {
                client.close();
            }
        }
    }
}
