package org.vidshare.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.Frames;

/** The client against peers that are not (well-behaved) VidShare servers, over a real loopback socket. */
class VidShareClientTest {
    /** A one-connection peer that answers whatever it is sent with {@code answer}, then closes. */
    private static CompletableFuture<Void> peer(ServerSocket listener, byte[] answer) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.getInputStream().read(new byte[256]);
                OutputStream out = socket.getOutputStream();
                out.write(answer);
                out.flush();
                Thread.sleep(200);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aPeerThatIsNotAVidShareServerGivesAClearErrorNotAHugeAllocation() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> http = peer(listener,
                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", listener.getLocalPort())) {
                client.setReadTimeout(5_000);
                assertThatThrownBy(() -> client.callAsIs(Map.of("type", "ping")))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("bad reply length")
                        .hasMessageContaining("VidShare server");
            }
            http.join();
        }
    }

    @Test
    void aWellFormedReplyIsReadAndItsSessionKept() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] reply = Frames.frame("{\"flag\":true,\"code\":\"ok\",\"msg\":\"好\",\"session\":\"abc\"}"
                    .getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> server = peer(listener, reply);
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", listener.getLocalPort())) {
                client.setReadTimeout(5_000);
                ClientReply answer = client.callAsIs(Map.of("type", "login"));
                assertThat(answer.ok()).isTrue();
                assertThat(answer.msg()).isEqualTo("好");
                assertThat(client.session()).isEqualTo("abc");
            }
            server.join();
        }
    }
}
