package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/** Test movie files and the upload requests that describe them. */
final class MovieFiles {
    private MovieFiles() {
    }

    /** A file of {@code size} pseudo-random bytes (seeded: the same seed gives the same content). */
    static Path random(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** The request announcing {@code file} as a whole upload (offset 0). */
    static Map<String, Object> uploadRequest(Path file, String name, boolean free) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "upload_movie");
        request.put("file_name", name);
        request.put("file_size", Files.size(file));
        request.put("file_md5", Fingerprint.of(file));
        request.put("is_free", free ? 1 : 0);
        request.put("offset", 0);
        return request;
    }

    /** Uploads {@code file} under its own name as an admin (upload_movie, docs/protocol.md) and returns the new movie's id. */
    static long upload(VidShareClient admin, Path file, boolean free) throws IOException {
        return upload(admin, file, file.getFileName().toString(), free);
    }

    /** Uploads {@code file} as the movie {@code name}, checks the upload succeeded and returns the new movie's id. */
    static long upload(VidShareClient admin, Path file, String name, boolean free) throws IOException {
        ClientReply reply = admin.upload(uploadRequest(file, name, free), file, TransferListener.NONE);
        assertThat(reply.ok()).as("upload of %s: %s", file, reply).isTrue();
        return reply.number("movie_id");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream digesting = (DigestInputStream) in;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Unchecked(Path file) {
        try {
            return sha256(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The published file of a movie, found through the server's storage directory by content. */
    static Path storedFileWithSha(Path dataDir, String sha256) throws IOException {
        try (var files = Files.list(dataDir.resolve("movies"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (sha256(file).equals(sha256)) {
                    return file;
                }
            }
        }
        return null;
    }
}
