package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/**
 * A stopping server (close(), what SIGTERM runs) stops accepting, lets transfers in flight finish
 * within server.shutdown-grace-seconds, and cuts what still runs then, an upload keeping its partial.
 */
class GracefulShutdownTest {
    private static final int MOVIE_SIZE = 8_000_000;
    private static final int UPLOAD_SIZE = 200_000;

    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.closeAndDelete();
        }
    }

    @Test
    void aDownloadInFlightWhenTheServerStopsArrivesWhole() throws Exception {
        server = TestServer.start(Map.of("server.shutdown-grace-seconds", "60"));
        Path movie = MovieFiles.random(dir, "long.mp4", MOVIE_SIZE, 41);
        Path received = dir.resolve("received.mp4");
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long movieId = MovieFiles.upload(admin, movie, true);
            ClientReply reply = admin.call(DownloadSupport.request(movieId, 0));
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            try (FileChannel out = FileChannel.open(received, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // The first byte is here: the transfer is under way, the rest waits in the socket
                // buffers and on the server for this client to read it.
                int first = admin.rawInput().read();
                assertThat(first).isNotNegative();
                out.write(ByteBuffer.wrap(new byte[] {(byte) first}), 0);
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
                awaitRefusal(server.port());
                assertThat(stopping).as("close waits for the download").isNotDone();
                admin.receivePayload(out, 1, MOVIE_SIZE - 1L, TransferListener.NONE);
                stopping.get(120, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.mismatch(received, movie)).as("the download arrived byte for byte").isEqualTo(-1);
    }

    @Test
    void anUploadStillRunningWhenTheGraceEndsIsCutAndResumesAfterTheRestart() throws Exception {
        server = TestServer.start(Map.of("server.shutdown-grace-seconds", "1"));
        Path file = MovieFiles.random(dir, "slow.mp4", UPLOAD_SIZE, 42);
        byte[] content = Files.readAllBytes(file);
        String fingerprint = Fingerprint.of(file);
        Map<String, Object> request = MovieFiles.uploadRequest(file, "slow.mp4", true);
        try (VidShareClient uploader = Admins.loggedIn(server, Admins.FIRST)) {
            // Half the payload sent and the connection kept open: an upload that is still running.
            Uploads.sendPrefix(uploader, request, content, UPLOAD_SIZE / 2);
            try (VidShareClient observer = Admins.loggedIn(server, Admins.FIRST)) {
                Uploads.awaitOffset(observer, fingerprint, UPLOAD_SIZE, UPLOAD_SIZE / 2);
            }
            server.restart();
            assertThat(uploader.rawInput().read()).as("the cut connection is closed").isEqualTo(-1);
        }
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long offset = Uploads.offset(admin, fingerprint, UPLOAD_SIZE);
            assertThat(offset).as("check_movie after the restart").isEqualTo(UPLOAD_SIZE / 2);
            ClientReply resumed = Uploads.resume(admin, request, file, offset);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            assertThat(Uploads.listed(admin, "slow.mp4")).isTrue();
        }
    }

    /** Waits until the port no longer accepts: the server has stopped listening. */
    private static void awaitRefusal(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("port " + port + " still accepts connections");
    }
}
