package org.vidshare.plugin.uploadmovie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash behind the writer, on real files: whether its bytes come from the chunks handed over,
 * from reading the file back, or both, it is the SHA-256 of the file.
 */
class TrailingSha256Test {
    private static final int READ = 64 * 1024;

    @TempDir
    Path dir;

    /** The first 2 MiB of chunks are always taken (the queue holds that much, however far behind the hasher is). */
    @Test
    void chunksHandedOverGiveTheFilesHashFromMemory() throws Exception {
        byte[] content = random(8 * 1024 * 1024 + 123, 1);
        Hashed hashed = hashWhileWriting(content, 0, READ, READ);
        assertThat(hashed.sha256()).isEqualTo(sha256(content));
        assertThat(hashed.readBack()).isLessThanOrEqualTo(content.length - TrailingSha256.MAX_QUEUED_BYTES);
    }

    @Test
    void aResumedUploadsPrefixIsReadBackAndTheRestComesFromItsChunks() throws Exception {
        byte[] content = random(5 * 1024 * 1024 + 7, 2);
        int prefix = 1024 * 1024 + 5;
        Hashed hashed = hashWhileWriting(content, prefix, READ, READ);
        assertThat(hashed.sha256()).isEqualTo(sha256(content));
        assertThat(hashed.readBack()).isBetween((long) prefix, content.length - TrailingSha256.MAX_QUEUED_BYTES);
    }

    /**
     * Each short chunk keeps a whole 1 MiB buffer alive, so the hasher holds at most two at a time
     * (the bound counts the memory held, not the bytes) and reads back what it was not handed.
     */
    @Test
    void chunksPastTheMemoryBoundAreReadBack() throws Exception {
        byte[] content = random(4 * 1024 * 1024, 3);
        Hashed hashed = hashWhileWriting(content, 0, 4096, 1024 * 1024);
        assertThat(hashed.sha256()).isEqualTo(sha256(content));
        assertThat(hashed.readBack()).isPositive();
    }

    @Test
    void chunksOfTlsRecordSizeGiveTheFilesHash() throws Exception {
        byte[] content = random(2 * 1024 * 1024 + 999, 4);
        assertThat(hashWhileWriting(content, 0, 16_384 - 29, 16_709).sha256()).isEqualTo(sha256(content));
    }

    /**
     * The server's receiver stops reading while the sink keeps all the buffers it may lend, so
     * every chunk handed over must be hashed and given back with no more bytes written: a hasher
     * that slept until the next MiB would hold the upload forever (short chunks, as a TLS upload's
     * decrypted reads are, fill the receiver's lending well before a MiB is written).
     */
    @Test
    void everyChunkHandedOverIsGivenBackWithNoMoreBytesWritten() throws Exception {
        try (FileChannel channel = newPartial("short-chunks")) {
            TrailingSha256 hasher = TrailingSha256.start(channel, 0, "short-chunks");
            AtomicInteger released = new AtomicInteger();
            int chunks = 8;
            long size = 0;
            for (int i = 0; i < chunks; i++) {
                ByteBuffer chunk = ByteBuffer.allocateDirect(READ).put(random(READ, 10 + i)).flip();
                size = handOver(channel, hasher, chunk, released, size);
                if (i == chunks / 2) {
                    Thread.sleep(50); // the hasher catches up and parks between two chunks
                }
            }
            assertThat(size).isLessThan(1024 * 1024);
            awaitAtLeast(released, chunks);
            assertThat(released).as("chunks hashed and given back with no more bytes written").hasValue(chunks);
            assertThat(hasher.bytesReadBack()).isZero();
            hasher.stop();
        }
    }

    /** An upload that is closed part-way gives back the buffers its hasher still held. */
    @Test
    void aStoppedHasherGivesBackEveryChunk() throws Exception {
        try (FileChannel channel = newPartial("stopped")) {
            TrailingSha256 hasher = TrailingSha256.start(channel, 0, "stopped");
            AtomicInteger released = new AtomicInteger();
            long size = 0;
            for (int i = 0; i < 24; i++) {
                size = handOver(channel, hasher, ByteBuffer.wrap(random(READ, i)), released, size);
            }
            hasher.stop();
            awaitAtLeast(released, 24);
            assertThat(released).hasValue(24);
            assertThat(hasher.finish().toCompletableFuture()).isCompletedExceptionally();
        }
    }

    private record Hashed(String sha256, long readBack) {
    }

    private FileChannel newPartial(String name) throws java.io.IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
    }

    /** Waits up to 10 s for {@code count} to reach {@code value} (the hasher gives back on its own thread). */
    private static void awaitAtLeast(AtomicInteger count, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.get() < value && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /**
     * Writes {@code content} from {@code prefix} on (the first {@code prefix} bytes are on disk
     * before the hasher starts, as for a resume) in chunks of {@code chunkBytes}, each a view into
     * a fresh buffer of {@code bufferBytes} at a non-zero offset, as the upload's writer does.
     */
    private Hashed hashWhileWriting(byte[] content, int prefix, int chunkBytes, int bufferBytes) throws Exception {
        Path file = dir.resolve("partial");
        Files.write(file, Arrays.copyOf(content, prefix));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.position(prefix);
            TrailingSha256 hasher = TrailingSha256.start(channel, prefix, "test");
            AtomicInteger released = new AtomicInteger();
            int chunks = 0;
            long size = prefix;
            for (int at = prefix; at < content.length; at += chunkBytes) {
                int n = Math.min(chunkBytes, content.length - at);
                chunks++;
                ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
                int offset = (bufferBytes - n) / 2;
                buffer.position(offset).put(content, at, n);
                size = handOver(channel, hasher, buffer.flip().position(offset).slice(), released, size);
            }
            String sha256 = hasher.finish().toCompletableFuture().get(30, TimeUnit.SECONDS);
            // Every chunk handed over is given back, hashed from or not.
            assertThat(released).hasValue(chunks);
            return new Hashed(sha256, hasher.bytesReadBack());
        }
    }

    /**
     * What the upload's writer does with a chunk: writes all of it at the file's end, then hands it
     * (unchanged) to the hasher, counting its release in {@code released}; returns the file's new size.
     */
    private static long handOver(FileChannel channel, TrailingSha256 hasher, ByteBuffer chunk, AtomicInteger released,
            long size) throws java.io.IOException {
        ByteBuffer writing = chunk.duplicate();
        long written = size;
        while (writing.hasRemaining()) {
            written += channel.write(writing);
        }
        hasher.written(chunk, released::incrementAndGet, written);
        return written;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
