package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Upload bytes on a TLS connection are decrypted into the server's pooled read buffers (the ones a
 * plain connection reads into, `upload.read-buffers-mib`), which the upload's hasher keeps until it
 * has hashed them; a read that finds none free decrypts into a heap buffer. The stored file is the
 * sent one, a request right behind the payload (in the same records) is answered and not stored,
 * and once no upload runs every buffer is back in the pool: the metrics' gauge of buffers in use
 * is 0, and the pool holds some, so TLS uploads did use it.
 */
class TlsUploadReadBuffersTest {
    @TempDir
    Path dir;

    @Test
    void aTlsUploadIsDecryptedIntoTheReadBuffersAndEveryBufferComesBack() throws Exception {
        try (TestServer server = serve("one", 4, 1)) {
            try (VidShareClient admin = tlsAdmin(server)) {
                Path file = MovieFiles.random(dir, "tls.mp4", (5 << 20) + 3, 21);
                ClientReply reply = admin.upload(MovieFiles.uploadRequest(file, "tls.mp4", true), file, TransferListener.NONE);
                assertThat(reply.ok()).as(reply.toString()).isTrue();
                Uploads.assertStored(server.dataDir(), file, reply);
                Uploads.pipelinedUploadAndPing(admin, server.dataDir(), MovieFiles.random(dir, "tls-behind.mp4", (2 << 20) + 9, 22));
            }
            assertEveryBufferBack(server);
        }
    }

    /** Six TLS uploads at once share four 256 KiB buffers: most of their reads find none free. */
    @Test
    void parallelTlsUploadsBeyondTheReadBuffersEachStoreTheirOwnBytes() throws Exception {
        int uploads = 6;
        try (TestServer server = serve("shared", 1, uploads)) {
            Uploads.parallelUploadsEachStored(uploads, () -> tlsAdmin(server), dir, "tls-parallel-", server.dataDir());
            assertEveryBufferBack(server);
        }
    }

    private TestServer serve(String name, int readBuffersMib, int uploadsPerUser) {
        return TestServer.startIn(dir.resolve(name), Map.of("tls.port", "0", "metrics.port", "0",
                "metrics.host", "127.0.0.1", "upload.read-buffers-mib", String.valueOf(readBuffersMib),
                "upload.max-concurrent-per-user", String.valueOf(uploadsPerUser)));
    }

    /** The first admin, over TLS (registered over plain first: the first admin registers itself from loopback). */
    private VidShareClient tlsAdmin(TestServer server) throws IOException {
        int tlsPort;
        try (VidShareClient plain = Admins.loggedIn(server, Admins.FIRST)) {
            tlsPort = (int) plain.hello("en").number("tls_port");
        }
        SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, dir.resolve("known-" + server.port()), (h, f) -> true);
        VidShareClient admin = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 30_000);
        ClientReply login = admin.login(Admins.FIRST, TestServer.PASSWORD);
        assertThat(login.ok()).as(login.toString()).isTrue();
        return admin;
    }

    /** Buffers go back as the hasher finishes with them, at the latest just after the reply: waits up to 10 s. */
    private static void assertEveryBufferBack(TestServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Scrape scrape = Scrape.of(server.metricsPort());
        while (scrape.value("vidshare_transfer_buffers", "pool", "upload_read", "state", "in_use") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = Scrape.of(server.metricsPort());
        }
        assertThat(scrape.value("vidshare_transfer_buffers", "pool", "upload_read", "state", "in_use")).as("buffers in use").isZero();
        assertThat(scrape.value("vidshare_transfer_buffers", "pool", "upload_read", "state", "free")).as("buffers kept in the pool").isPositive();
    }
}
