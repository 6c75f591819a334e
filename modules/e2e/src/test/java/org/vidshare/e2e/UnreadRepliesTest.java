package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.vidshare.e2e.Wire.assertCode;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;

/**
 * A client that pipelines requests and never reads the replies (docs/protocol.md, Framing, allows one
 * request at a time) must not make the server queue replies without bound: once far more replies
 * wait than any well-behaved client could cause, the server closes the connection.
 */
class UnreadRepliesTest extends OneServerPerClass {
    /** hello replies carry the whole feature list (kilobytes): a few thousand overflow every buffer. */
    private static final int REQUESTS = 4_000;

    @Test
    void aClientThatNeverReadsIsCutOffAndOthersAreServed() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            byte[] hello = Frames.frame("{\"type\":\"hello\",\"protocol\":1,\"lang\":\"en\"}".getBytes(StandardCharsets.UTF_8));
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                OutputStream out = socket.getOutputStream();
                CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                    int sent = 0;
                    try {
                        for (; sent < REQUESTS; sent++) {
                            out.write(hello);
                        }
                        out.flush();
                    } catch (IOException closedByServer) {
                        // Expected once the server gives up on this connection.
                    }
                    return sent;
                });
                // Give the server time to fall behind: nothing is read meanwhile.
                writer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                Thread.sleep(1_000);

                int replies = 0;
                boolean ended = false;
                socket.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                try {
                    while (replies <= REQUESTS) {
                        int length = Integer.reverseBytes(in.readInt());
                        in.readFully(new byte[length]);
                        replies++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    ended = false;
                } catch (IOException endOfStream) {
                    // EOF or reset: the server closed.
                    ended = true;
                }
                assertThat(ended).as("the server closed the connection").isTrue();
                assertThat(replies).as("replies before the close").isLessThan(REQUESTS);
            }
            // The server is fine and serves others.
            try (VidShareClient other = server.client()) {
                assertCode(Wire.ping(other), "ok");
            }
        });
    }
}
