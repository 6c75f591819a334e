package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Upload bytes on a plain connection are read straight from the socket into the server's pooled
 * direct buffers (`upload.read-buffers-mib`), which the upload's hasher keeps until it has hashed
 * them; with the pool used up, or set to 0, they are read through a heap buffer. Whichever way,
 * the stored file is the sent one (its SHA-256 in the reply and on disk), and the bytes that
 * follow the payload on the wire are the next request, not part of the file.
 */
class UploadReadBuffersTest {
    @TempDir
    Path dir;

    @Test
    void aRequestRightBehindAnUploadsPayloadIsAnsweredAndNotStored() throws Exception {
        ServerCli.Serving child = serve("default", List.of());
        try (VidShareClient admin = Nodes.loggedIn(child, "boss", "admin")) {
            Uploads.pipelinedUploadAndPing(admin, dir.resolve("default"), MovieFiles.random(dir, "behind.mp4", (3 << 20) + 17, 1));
        } finally {
            child.close();
        }
    }

    @Test
    void withNoReadBuffersAnUploadReadsThroughTheHeapAndStoresTheSameBytes() throws Exception {
        ServerCli.Serving child = serve("none", List.of("--set", "upload.read-buffers-mib=0"));
        try (VidShareClient admin = Nodes.loggedIn(child, "boss", "admin")) {
            Path file = MovieFiles.random(dir, "heap.mp4", (5 << 20) + 3, 2);
            ClientReply reply = admin.upload(MovieFiles.uploadRequest(file, "heap.mp4", true), file, TransferListener.NONE);
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            Uploads.assertStored(dir.resolve("none"), file, reply);
            Uploads.pipelinedUploadAndPing(admin, dir.resolve("none"), MovieFiles.random(dir, "heap-behind.mp4", (1 << 20) + 5, 3));
        } finally {
            child.close();
        }
    }

    /** Six uploads at once share four 256 KiB buffers: most of their reads find none free. */
    @Test
    void parallelUploadsBeyondTheReadBuffersEachStoreTheirOwnBytes() throws Exception {
        int uploads = 6;
        ServerCli.Serving child = serve("shared", List.of("--set", "upload.read-buffers-mib=1",
                "--set", "upload.max-concurrent-per-user=" + uploads));
        try {
            Uploads.parallelUploadsEachStored(uploads, () -> Nodes.loggedIn(child, "boss", "admin"), dir, "parallel-",
                    dir.resolve("shared"));
        } finally {
            child.close();
        }
    }

    private ServerCli.Serving serve(String name, List<String> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve(name).toString(), "--set", "password.pbkdf2-iterations=1000"));
        command.addAll(settings);
        return ServerCli.serve(command);
    }
}
