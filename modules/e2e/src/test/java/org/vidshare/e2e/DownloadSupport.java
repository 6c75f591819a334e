package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.TransferListener;
import org.vidshare.core.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/** Movies for the download tests: made on disk, uploaded through the protocol, fetched back. */
final class DownloadSupport {
    private DownloadSupport() {
    }

    /** A file of {@code size} seeded pseudo-random bytes: distinct seeds give distinct movies. */
    static Path movieFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** Uploads {@code file} as an admin (upload_movie, PROTOCOL.md) and returns the new movie's id. */
    static long upload(VidShareClient admin, Path file, boolean free) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "upload_movie");
        request.put("file_name", file.getFileName().toString());
        request.put("file_size", Files.size(file));
        request.put("file_md5", Fingerprint.of(file));
        request.put("is_free", free ? 1 : 0);
        request.put("offset", 0);
        ClientReply reply = admin.upload(request, file, TransferListener.NONE);
        assertThat(reply.ok()).as("upload of %s: %s", file, reply).isTrue();
        return reply.number("movie_id");
    }

    static Map<String, Object> request(long movieId, long offset) {
        return Map.of("type", "download_movie", "movie_id", movieId, "offset", offset);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A download with its timing: when the reply came and when the first payload byte did. */
    record Timed(ClientReply reply, long replyMillis, long firstByteMillis) {
    }

    /**
     * Downloads into {@code target} (written from the reply's offset), timing the reply and the
     * first payload byte from the moment the request is sent.
     */
    static Timed timedDownload(VidShareClient client, Map<String, ?> request, Path target) throws IOException {
        long start = System.nanoTime();
        ClientReply reply = client.call(request);
        long replyAt = System.nanoTime();
        if (!reply.ok()) {
            return new Timed(reply, millis(replyAt - start), -1);
        }
        long offset = reply.number("offset");
        long total = reply.number("file_size") - offset;
        long firstByteAt = -1;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            if (total > 0) {
                int first = client.rawInput().read();
                firstByteAt = System.nanoTime();
                if (first < 0) {
                    throw new IOException("connection closed before the payload");
                }
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) first}), offset);
                client.receivePayload(channel, offset + 1, total - 1, TransferListener.NONE);
            }
        }
        return new Timed(reply, millis(replyAt - start), firstByteAt < 0 ? -1 : millis(firstByteAt - start));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
