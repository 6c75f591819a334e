package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Memory stays flat on the way out too: the packaged server with a 64 MiB heap (and so, by the
 * JVM's default, 64 MiB of direct memory, of which its two buffer pools may take 32) sends a
 * 512 MiB movie to four plain downloads (from the send pool, 2 MiB each) and two TLS ones (a
 * 256 KiB buffer each, encrypted chunk by chunk) at once. A sender that buffered the file, or
 * took a new direct buffer per chunk, would run out of memory and fail the downloads instead.
 */
class DownloadMemoryTest {
    private static final int PLAIN = 4;
    private static final int TLS = 2;

    @TempDir
    Path dir;

    @Test
    void aHalfGigabyteMovieGoesToSixDownloadsAtOnceFromA64MegabyteHeap() throws Exception {
        Path file = dir.resolve("big.bin");
        UploadMemoryTest.writeBigFile(file);
        ServerCli.Serving server = UploadMemoryTest.smallHeapServer(Files.createDirectories(dir.resolve("data")),
                "tls.port=0", "download.free-wait-seconds=0", "server.idle-timeout-seconds=600",
                // Six logins from 127.0.0.1 at once: more than the per-address hashing limit lets through.
                "password.max-concurrent-per-address=" + (PLAIN + TLS));
        ExecutorService pool = Executors.newFixedThreadPool(PLAIN + TLS);
        try {
            long movieId;
            int tlsPort;
            try (VidShareClient admin = UploadMemoryTest.firstAdmin(server)) {
                movieId = MovieFiles.upload(admin, file, true);
            }
            try (VidShareClient plain = VidShareClient.connect("127.0.0.1", server.port())) {
                tlsPort = (int) plain.hello("en").number("tls_port");
            }
            SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, dir.resolve("known"), (h, f) -> true);
            List<Future<Path>> downloads = new ArrayList<>();
            for (int i = 0; i < PLAIN + TLS; i++) {
                boolean overTls = i >= PLAIN;
                Path target = dir.resolve("download-" + i + ".bin");
                Callable<VidShareClient> connect = () -> overTls
                        ? VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 300_000)
                        : VidShareClient.connect("127.0.0.1", server.port());
                String viewer = "viewer-" + i;
                downloads.add(pool.submit(() -> {
                    try (VidShareClient client = connect.call()) {
                        client.setReadTimeout(300_000);
                        client.hello("en");
                        TestServer.register(client, viewer, "user");
                        ClientReply login = client.login(viewer, TestServer.PASSWORD);
                        assertThat(login.ok()).as(login.toString()).isTrue();
                        ClientReply reply = client.download(DownloadSupport.request(movieId, 0), target, TransferListener.NONE);
                        assertThat(reply.ok()).as(reply.toString()).isTrue();
                    }
                    return target;
                }));
            }
            for (Future<Path> download : downloads) {
                Path target = download.get(300, TimeUnit.SECONDS);
                assertThat(Files.mismatch(target, file)).as("%s holds the movie's bytes", target).isEqualTo(-1);
                Files.delete(target);
            }
            try (VidShareClient after = VidShareClient.connect("127.0.0.1", server.port())) {
                assertThat(after.call(Map.of("type", "ping")).ok()).isTrue();
            }
            assertThat(server.isAlive()).isTrue();
        } finally {
            pool.shutdownNow();
            server.close();
        }
    }
}
