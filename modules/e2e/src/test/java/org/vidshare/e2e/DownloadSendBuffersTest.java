package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Plain downloads are read from the file into the server's pooled 1 MiB direct buffers
 * (`download.send-buffers-mib`), two in flight per download; a download that finds none free, or
 * a server with none, sends with sendfile. Whichever way the client gets the movie's bytes, and
 * once no download runs every buffer is back in the pool (the metrics' gauge of buffers in use is
 * 0), also after a download the client cut midway; a download cut by a server stop delivers
 * only the movie's bytes.
 */
class DownloadSendBuffersTest {
    /** Six buffers' worth and a little (the viewers are not VIP: each waits the test server's one second first). */
    private static final int SIZE = (6 << 20) + 13;

    @TempDir
    Path dir;

    @Test
    void aPlainDownloadGoesOutOfThePooledBuffersWhichAllComeBack() throws Exception {
        assertThat(downloadOnceAndCountFreeBuffers("pooled", 16, 41)).as("the download used the pool: two buffers")
                .isEqualTo(2);
    }

    @Test
    void withNoSendBuffersAPlainDownloadGoesBySendfile() throws Exception {
        assertThat(downloadOnceAndCountFreeBuffers("sendfile", 0, 42)).isZero();
    }

    /** One download on a fresh server with this pool: whole, every buffer back; returns the buffers the pool keeps. */
    private double downloadOnceAndCountFreeBuffers(String name, int sendBuffersMib, long seed) throws Exception {
        try (TestServer server = serve(name, sendBuffersMib)) {
            Path movie = MovieFiles.random(dir, name + ".mp4", SIZE, seed);
            assertDownloadsWhole(server, movie, publish(server, movie), 1);
            return assertEveryBufferBack(server).value("vidshare_transfer_buffers", "pool", "download_send", "state", "free");
        }
    }

    /** Four downloads at once share two buffers: one or two send from them, the others by sendfile. */
    @Test
    void parallelDownloadsBeyondTheSendBuffersEachGetTheirBytes() throws Exception {
        try (TestServer server = serve("shared", 2)) {
            Path movie = MovieFiles.random(dir, "shared.mp4", SIZE, 43);
            assertDownloadsWhole(server, movie, publish(server, movie), 4);
            assertEveryBufferBack(server);
        }
    }

    @Test
    void aDownloadTheClientCutsMidwayGivesItsBuffersBack() throws Exception {
        try (TestServer server = serve("cut", 16)) {
            Path movie = MovieFiles.random(dir, "cut.mp4", 48 << 20, 44);
            long movieId = publish(server, movie);
            try (VidShareClient viewer = server.loggedIn("cutter", "user")) {
                assertThatThrownBy(() -> viewer.download(DownloadSupport.request(movieId, 0), dir.resolve("cut.part"),
                        (done, total) -> {
                            if (done >= 1 << 20) {
                                throw new UncheckedIOException(new IOException("the viewer gave up"));
                            }
                        })).isInstanceOf(UncheckedIOException.class);
            } // closed with most of the movie still to send
            assertEveryBufferBack(server);
        }
    }

    /**
     * The server stops mid-download (no grace) while the link is slow, so that most of what it
     * wrote is still on the way: what reaches the client is a prefix of the movie. MINA's
     * {@code closeNow} reports every queued write as written, from the closing thread, while its
     * network thread may still be writing one; a sender that refilled a buffer on that report sent
     * the next chunk's bytes in the middle of the last one (the test failed so every time).
     */
    @Test
    void aDownloadCutByAServerStopDeliversOnlyTheMoviesBytes() throws Exception {
        TestServer server = TestServer.startIn(dir.resolve("stop"), Map.of("server.shutdown-grace-seconds", "0",
                "download.free-wait-seconds", "0"));
        Path movie = MovieFiles.random(dir, "stop.mp4", 16 << 20, 45);
        long movieId = publish(server, movie);
        Path target = dir.resolve("stop.part");
        boolean[] stopped = {false};
        try (ThrottledRelay relay = new ThrottledRelay(server.port(), 0, 4L << 20);
             VidShareClient viewer = VidShareClient.connect("127.0.0.1", relay.port())) {
            viewer.hello("en");
            TestServer.register(viewer, "stopped", "user");
            assertThat(viewer.login("stopped", TestServer.PASSWORD).ok()).isTrue();
            assertThatThrownBy(() -> viewer.download(DownloadSupport.request(movieId, 0), target, (done, total) -> {
                if (done > 8 << 20 && !stopped[0]) {
                    stopped[0] = true;
                    server.close(); // the rest of the movie is in the relay and the sockets, or lost
                }
            })).isInstanceOf(IOException.class);
        } finally {
            server.close();
        }
        assertThat(stopped[0]).isTrue();
        long received = Files.size(target);
        assertThat(received).isBetween(8L << 20, (16L << 20) - 1);
        byte[] prefix = Arrays.copyOf(Files.readAllBytes(movie), (int) received);
        assertThat(Arrays.equals(Files.readAllBytes(target), prefix)).as("the %d bytes received are the movie's first", received)
                .isTrue();
    }

    private TestServer serve(String name, int sendBuffersMib) {
        return TestServer.startIn(dir.resolve(name), Map.of("metrics.port", "0", "metrics.host", "127.0.0.1",
                "download.send-buffers-mib", String.valueOf(sendBuffersMib)));
    }

    private static long publish(TestServer server, Path movie) throws IOException {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            return MovieFiles.upload(admin, movie, true);
        }
    }

    /** {@code downloads} viewers download the movie at once; each gets its bytes. */
    private void assertDownloadsWhole(TestServer server, Path movie, long movieId, int downloads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(downloads);
        try {
            List<Future<Path>> targets = new ArrayList<>();
            for (int i = 0; i < downloads; i++) {
                String viewer = "viewer-" + i;
                targets.add(pool.submit(() -> {
                    Path target = dir.resolve(viewer + ".out");
                    try (VidShareClient client = server.loggedIn(viewer, "user")) {
                        ClientReply reply = client.download(DownloadSupport.request(movieId, 0), target, TransferListener.NONE);
                        assertThat(reply.ok()).as(reply.toString()).isTrue();
                    }
                    return target;
                }));
            }
            for (Future<Path> target : targets) {
                assertThat(Files.mismatch(target.get(120, TimeUnit.SECONDS), movie)).as("the movie's bytes").isEqualTo(-1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Buffers go back as a download's last write leaves, or as a cut connection's writes fail: waits up to 10 s. */
    private static Scrape assertEveryBufferBack(TestServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Scrape scrape = Scrape.of(server.metricsPort());
        while (scrape.value("vidshare_transfer_buffers", "pool", "download_send", "state", "in_use") != 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = Scrape.of(server.metricsPort());
        }
        assertThat(scrape.value("vidshare_transfer_buffers", "pool", "download_send", "state", "in_use"))
                .as("download buffers in use").isZero();
        return scrape;
    }
}
