package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/** Upload steps that several tests share: partial sends, waiting for the server to hold bytes, resuming. */
final class Uploads {
    private Uploads() {
    }

    /** Sends the request and only the first {@code bytes} of the payload, leaving the upload unfinished. */
    static void sendPrefix(VidShareClient client, Map<String, Object> request, byte[] content, int bytes)
            throws IOException {
        client.sendWithPayload(request, Arrays.copyOf(content, bytes));
    }

    /** The offset check_movie reports now for this admin. */
    static long offset(VidShareClient admin, String fingerprint, long size) throws IOException {
        ClientReply check = admin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", size));
        assertThat(check.ok()).as(check.toString()).isTrue();
        return check.number("offset");
    }

    /** Waits until the server holds exactly {@code expected} bytes of this admin's partial (bytes are still in flight). */
    static void awaitOffset(VidShareClient admin, String fingerprint, long size, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = offset(admin, fingerprint, size);
            if (seen == expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(seen).as("bytes the server holds").isEqualTo(expected);
    }

    /**
     * Resumes from {@code offset}. The server releases a dropped connection's partial when it notices the
     * drop, which may be a moment after the bytes landed: until then the partial is busy ({@code conflict}
     * without a movie_id), so that one answer is retried.
     */
    static ClientReply resume(VidShareClient admin, Map<String, Object> request, Path file, long offset) throws Exception {
        return resume(admin, request, file, offset, Duration.ofSeconds(10));
    }

    /**
     * As {@link #resume(VidShareClient, Map, Path, long)}, retrying the busy answer for up to
     * {@code patience} (a node that was killed holds its partial's lease until it expires).
     */
    static ClientReply resume(VidShareClient admin, Map<String, Object> request, Path file, long offset, Duration patience)
            throws Exception {
        Map<String, Object> resumed = new LinkedHashMap<>(request);
        resumed.put("offset", offset);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            ClientReply reply = admin.upload(resumed, file, TransferListener.NONE);
            boolean busy = "conflict".equals(reply.code()) && !reply.has("movie_id");
            if (!busy || System.nanoTime() > deadline) {
                return reply;
            }
            // A lease with long to go (its node was killed) is not worth a payload every 50 ms.
            boolean longWait = reply.has("retry_after_s") && reply.number("retry_after_s") > 2;
            Thread.sleep(longWait ? 1000 : 50);
        }
    }

    static boolean listed(VidShareClient client, String name) throws IOException {
        ClientReply list = client.call(Map.of("type", "get_movie_list", "query", name));
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().anyMatch(m -> m.get("name").asText().equals(name));
    }

    /** The upload's frame, its payload and a ping in one write: the upload is stored whole, then the ping answered. */
    static void pipelinedUploadAndPing(VidShareClient admin, Path dataDir, Path file) throws Exception {
        Map<String, Object> upload = new LinkedHashMap<>(MovieFiles.uploadRequest(file, file.getFileName().toString(), true));
        upload.put("session", admin.session());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(Frames.frame(Json.toBytes(upload)));
        bytes.writeBytes(Files.readAllBytes(file));
        bytes.writeBytes(Frames.frame(Json.toBytes(Map.of("type", "ping"))));
        admin.sendRaw(bytes.toByteArray());
        ClientReply stored = admin.readReply();
        assertCode(stored, "ok");
        assertStored(dataDir, file, stored);
        assertCode(admin.readReply(), "ok");
    }

    /** The reply names the file's SHA-256, and the data directory holds a movie file of exactly its bytes. */
    static void assertStored(Path dataDir, Path file, ClientReply reply) throws Exception {
        String sha256 = MovieFiles.sha256(file);
        assertThat(reply.string("sha256")).isEqualTo(sha256);
        Path stored = MovieFiles.storedFileWithSha(dataDir, sha256);
        assertThat(stored).as("a stored file with the SHA-256 of %s", file).isNotNull();
        assertThat(Files.size(stored)).isEqualTo(Files.size(file));
        assertThat(MovieFiles.sha256(stored)).isEqualTo(sha256);
    }

    /**
     * {@code uploads} uploads at once, each on its own connection from {@code connect}, of files of
     * their own (4 MiB and a few bytes, made in {@code dir}): each is stored with its own bytes in
     * {@code dataDir}.
     */
    static void parallelUploadsEachStored(int uploads, Callable<VidShareClient> connect, Path dir, String prefix,
                                          Path dataDir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        List<VidShareClient> admins = new ArrayList<>();
        try {
            List<Future<ClientReply>> replies = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                VidShareClient admin = connect.call();
                admins.add(admin);
                Path file = MovieFiles.random(dir, prefix + i + ".mp4", (4 << 20) + i, 10 + i);
                files.add(file);
                replies.add(pool.submit(() -> admin.upload(MovieFiles.uploadRequest(file, file.getFileName().toString(),
                        true), file, TransferListener.NONE)));
            }
            for (int i = 0; i < uploads; i++) {
                ClientReply reply = replies.get(i).get(120, TimeUnit.SECONDS);
                assertThat(reply.ok()).as("upload %d: %s", i, reply).isTrue();
                assertStored(dataDir, files.get(i), reply);
            }
        } finally {
            pool.shutdownNow();
            for (VidShareClient admin : admins) {
                admin.close();
            }
        }
    }
}
