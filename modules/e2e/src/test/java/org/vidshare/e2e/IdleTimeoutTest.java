package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** {@code server.idle-timeout-seconds}: a silent connection is closed, one that pings stays. */
@ServerSettings({"server.idle-timeout-seconds=1"})
class IdleTimeoutTest extends OneServerPerClass {
    @Test
    void aSilentConnectionIsClosedAndItsSessionEnds() throws Exception {
        // Earlier tests' connections may still be closing on the server side: start from none.
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.liveSessionCount() == 0)).isTrue();
        try (VidShareClient silent = server.loggedIn("sleepy", "user")) {
            assertThat(server.liveSessionCount()).isEqualTo(1);
            assertThat(silent.isClosedByPeer(5_000)).as("closed after 1 s of silence").isTrue();
            assertThat(Wire.eventually(Duration.ofSeconds(3), () -> server.liveSessionCount() == 0)).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedToo() throws Exception {
        try (VidShareClient mute = server.raw()) {
            assertThat(mute.isClosedByPeer(5_000)).isTrue();
        }
    }

    @Test
    void aPingingConnectionStays() throws Exception {
        try (VidShareClient busy = server.loggedIn("awake", "user")) {
            long until = System.nanoTime() + Duration.ofMillis(3_000).toNanos();
            while (System.nanoTime() < until) {
                assertCode(Wire.ping(busy), "ok");
                Thread.sleep(300);
            }
            assertCode(Wire.whoami(busy), "ok");
        }
    }

    /**
     * A client that takes a download's reply and then reads nothing stalls the transfer: the
     * server's socket buffers fill and no byte moves. Such a connection is silent like any other
     * (it held a connection and an open file forever before), and is closed after the idle
     * timeout; a client that reads keeps its transfer going.
     */
    @Test
    void aDownloadTheClientStopsReadingIsClosed(@TempDir Path tmp) throws Exception {
        // Far more than loopback socket buffers hold when the receiver does not read (a few MiB).
        int size = 24 << 20;
        Path movie = MovieFiles.random(tmp, "stalled.mp4", size, 41);
        long movieId;
        try (VidShareClient uploader = server.loggedIn("idle-admin", "admin")) {
            movieId = MovieFiles.upload(uploader, movie, true);
        }
        try (VidShareClient reader = server.loggedIn("idle-admin", "admin")) {
            ClientReply reply = reader.call(DownloadSupport.request(movieId, 0));
            assertCode(reply, "ok");
            assertThat(reply.number("wait_time")).isZero();
            Thread.sleep(4_000); // reads nothing for four idle timeouts

            reader.setReadTimeout(10_000);
            long received = 0;
            boolean closed = false;
            InputStream in = reader.rawInput();
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received += n;
                }
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            assertThat(closed).as("the server closed the stalled download").isTrue();
            assertThat(received).as("bytes the server had sent before it gave up").isLessThan(size);
        }
        Files.deleteIfExists(movie);
    }
}
