package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.VidShareClient;

/**
 * A movie is on the disk before its upload is answered (upload.sync-before-publish, on by default):
 * its row never names bytes that a power loss could take back. A power loss cannot be staged here,
 * so the test reads what the kernel would lose in one: the machine's dirty page cache
 * ({@code Dirty} in /proc/meminfo), which holds a written file's bytes until they are forced out or
 * written back (seconds later, well after the reply).
 */
class DurablePublishTest {
    private static final int SIZE = 128 << 20;
    private static final int CHUNK = 1 << 20;
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    @TempDir
    Path dir;

    @Test
    void anUploadsBytesAreOnTheDiskWhenItsReplyComes() throws Exception {
        assumeTrue(Files.isReadable(MEMINFO), "no " + MEMINFO + " on this machine: nothing to read dirty pages from");
        TestServer server = TestServer.startIn(dir.resolve("data"), Map.of());
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            // What the build before left dirty would be written back meanwhile and blur the counts.
            syncEverything();
            long beforeWrite = dirtyBytes();
            Path movie = writeRandom(dir.resolve("movie.bin"));
            long written = dirtyBytes() - beforeWrite;
            // The control: on a file system whose writes do not wait in the page cache (tmpfs, or an
            // eager writeback setting) this test could not tell a forced file from one that is not.
            assumeTrue(written >= SIZE / 2, "writing " + SIZE + " bytes here left only " + written
                    + " bytes dirty: this file system or kernel setting writes through, nothing to tell apart");
            force(movie);
            long beforeUpload = dirtyBytes();

            MovieFiles.upload(admin, movie, true);

            long leftDirty = dirtyBytes() - beforeUpload;
            assertThat(leftDirty)
                    .as("bytes still only in the page cache when the upload of %d bytes was answered", SIZE)
                    .isLessThan(SIZE / 2);
            Path stored = MovieFiles.storedFileWithSha(server.dataDir(), MovieFiles.sha256(movie));
            assertThat(stored).as("the published movie").isNotNull();
            assertThat(Files.size(stored)).isEqualTo(SIZE);
        } finally {
            server.closeAndDelete();
        }
    }

    /** The machine's dirty page cache: bytes written that are not on their disk yet. */
    private static long dirtyBytes() throws IOException {
        List<String> lines = Files.readAllLines(MEMINFO);
        for (String line : lines) {
            if (line.startsWith("Dirty:")) {
                // "Dirty:    1234 kB"
                return Long.parseLong(line.substring("Dirty:".length()).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IOException("no Dirty line in " + MEMINFO);
    }

    /** sync(1): every dirty page of the machine written out. */
    private static void syncEverything() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        assertThat(sync.waitFor()).as("sync's exit status").isZero();
    }

    /** {@link #SIZE} seeded pseudo-random bytes, written a MiB at a time (the test's heap stays small). */
    private static Path writeRandom(Path file) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[CHUNK];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < SIZE / CHUNK; i++) {
                random.nextBytes(chunk);
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        return file;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
