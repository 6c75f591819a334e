package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/** The limits that guard uploads before any byte is stored (docs/protocol.md, Error codes and upload_movie). */
class UploadLimitsTest {
    @TempDir
    Path files;

    @Test
    void moreConcurrentUploadsThanAllowedGetTooManyRequestsAndTheConnectionStaysUsable() throws Exception {
        try (TestServer server = TestServer.start(Map.of("upload.max-concurrent-per-user", "1"))) {
            Path first = MovieFiles.random(files, "first.mp4", 200_000, 1);
            Path second = MovieFiles.random(files, "second.mp4", 50_000, 2);
            byte[] firstBytes = Files.readAllBytes(first);
            try (VidShareClient a = server.loggedIn("boss", "admin"); VidShareClient b = server.loggedIn("boss", "admin")) {
                a.sendWithPayload(MovieFiles.uploadRequest(first, "first.mp4", true), Arrays.copyOf(firstBytes, 100_000));
                Thread.sleep(300);

                ClientReply refused = b.upload(MovieFiles.uploadRequest(second, "second.mp4", true), second, TransferListener.NONE);
                assertThat(refused.code()).isEqualTo("too_many_requests");
                assertThat(b.call(Map.of("type", "ping")).ok()).as("connection kept, payload discarded").isTrue();

                a.sendRaw(Arrays.copyOfRange(firstBytes, 100_000, firstBytes.length));
                assertThat(a.readReply().ok()).isTrue();
                // The slot is free again.
                assertThat(b.upload(MovieFiles.uploadRequest(second, "second.mp4", true), second, TransferListener.NONE).ok())
                        .isTrue();
            }
        }
    }

    @Test
    void aStalledUploadIsClosedAndItsPartialKeptForResume() throws Exception {
        try (TestServer server = TestServer.start(Map.of("upload.stall-timeout-seconds", "1"))) {
            Path movie = MovieFiles.random(files, "stall.mp4", 100_000, 3);
            byte[] bytes = Files.readAllBytes(movie);
            Map<String, Object> request = MovieFiles.uploadRequest(movie, "stall.mp4", true);
            try (VidShareClient admin = server.loggedIn("boss", "admin")) {
                admin.sendWithPayload(request, Arrays.copyOf(bytes, 40_000));
                assertThat(admin.isClosedByPeer(10_000)).as("closed after the stall timeout").isTrue();
            }
            try (VidShareClient admin = server.loggedIn("boss", "admin")) {
                ClientReply check = admin.call(Map.of("type", "check_movie",
                        "file_md5", request.get("file_md5"), "file_size", bytes.length));
                assertThat(check.number("offset")).isEqualTo(40_000);
                // Through resume's retry: the client sees the close before the server has run it, and
                // until then the stalled connection's lease holds the partial (conflict).
                ClientReply done = Uploads.resume(admin, request, movie, 40_000);
                assertThat(done.ok()).as(done.toString()).isTrue();
                assertThat(done.string("sha256")).isEqualTo(MovieFiles.sha256(movie));
            }
        }
    }

    @Test
    void aFileOverUploadMaxBytesIsTooLargeAndClosed() throws Exception {
        try (TestServer server = TestServer.start(Map.of("upload.max-bytes", "1000"))) {
            Path movie = MovieFiles.random(files, "big.mp4", 2000, 4);
            try (VidShareClient admin = server.loggedIn("boss", "admin")) {
                ClientReply reply = admin.upload(MovieFiles.uploadRequest(movie, "big.mp4", true), movie, TransferListener.NONE);
                assertThat(reply.code()).isEqualTo("too_large");
                assertThat(reply.msg()).contains("1000");
                assertThat(admin.isClosedByPeer(5_000)).isTrue();
            }
        }
    }

    @Test
    void aFileLargerThanTheFreeDiskIsTooLargeWithAClearMessage() throws Exception {
        long petabyte = 1L << 50;
        try (TestServer server = TestServer.start(Map.of("upload.max-bytes", Long.toString(petabyte)))) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "upload_movie");
            request.put("file_name", "huge.mp4");
            request.put("file_size", petabyte);
            request.put("file_md5", "0123456789abcdef0123456789abcdef");
            request.put("is_free", 1);
            try (VidShareClient admin = server.loggedIn("boss", "admin")) {
                admin.sendWithPayload(request, new byte[0]);
                ClientReply reply = admin.readReply();
                assertThat(reply.code()).isEqualTo("too_large");
                assertThat(reply.msg()).contains("disk");
                assertThat(admin.isClosedByPeer(5_000)).isTrue();
            }
        }
    }
}
