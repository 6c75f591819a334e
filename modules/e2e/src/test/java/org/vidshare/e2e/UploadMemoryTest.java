package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/**
 * Memory stays flat whatever the file size: the packaged server, as a child JVM with a 64 MiB heap
 * that exits on OutOfMemoryError, takes a 512 MiB upload. A server that buffered the payload (or a
 * reply, or a hash input) would die instead of answering.
 */
class UploadMemoryTest {
    private static final long SIZE = 512L << 20;
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aHalfGigabyteUploadFitsInA64MegabyteHeap() throws Exception {
        Path file = dir.resolve("big.bin");
        String sha256 = writeBigFile(file);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        ServerCli.Serving server = smallHeapServer(dataDir);
        try {
            try (VidShareClient admin = firstAdmin(server)) {
                ClientReply upload = admin.upload(MovieFiles.uploadRequest(file, "big.bin", true), file, TransferListener.NONE);
                assertThat(upload.ok()).as(upload.toString()).isTrue();
                assertThat(upload.string("sha256")).isEqualTo(sha256);
                assertThat(admin.call(Map.of("type", "ping")).ok()).isTrue();
            }
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.close();
            Files.deleteIfExists(file);
        }
        try (var movies = Files.list(dataDir.resolve("movies"))) {
            List<Path> stored = movies.toList();
            assertThat(stored).hasSize(1);
            assertThat(Files.size(stored.get(0))).isEqualTo(SIZE);
        }
    }

    /** The packaged server as a child JVM with a 64 MiB heap that exits on OutOfMemoryError; {@code settings}: more --set values. */
    static ServerCli.Serving smallHeapServer(Path dataDir, String... settings) throws Exception {
        List<String> command = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--set", "password.pbkdf2-iterations=1000"));
        for (String setting : settings) {
            command.addAll(List.of("--set", setting));
        }
        // The last -Xmx wins over ServerCli's default heap.
        return ServerCli.serve(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), command);
    }

    /** A connection to {@code server} as its first admin, registered now (loopback), with a long read timeout. */
    static VidShareClient firstAdmin(ServerCli.Serving server) throws Exception {
        VidShareClient admin = VidShareClient.connect("127.0.0.1", server.port());
        admin.setReadTimeout(300_000);
        assertThat(admin.hello("en").ok()).isTrue();
        String password = Passwords.md5Hex(TestServer.PASSWORD);
        assertThat(admin.call(Map.of("type", "register", "name", "boss", "password", password,
                "user_type", "admin")).ok()).isTrue();
        assertThat(admin.login("boss", TestServer.PASSWORD).ok()).isTrue();
        return admin;
    }

    /** Writes the file a megabyte at a time (never whole in this JVM either) and returns its SHA-256. */
    static String writeBigFile(Path file) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[CHUNK];
        new Random(512).nextBytes(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < SIZE; written += CHUNK) {
                // Every megabyte differs, so a misplaced chunk changes the hash.
                ByteBuffer.wrap(block).putLong(0, written);
                sha256.update(block);
                ByteBuffer buffer = ByteBuffer.wrap(block);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
