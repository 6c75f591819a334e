package org.vidshare.plugin.uploadmovie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload's bytes go out to the disk while it is written, on real files, with no fsync of the writer's own. */
class WriteBehindTest {
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void everyStepWrittenIsForcedOutWithNoFsyncOfTheWritersOwn() throws Exception {
        long total = 4 * WriteBehind.STEP_BYTES + CHUNK;
        try (FileChannel channel = open("partial")) {
            WriteBehind writeBehind = new WriteBehind(channel, 0);
            long written = write(channel, writeBehind, 0, total);
            // What is left unforced is less than a step: the final fsync of publish takes that.
            awaitForced(writeBehind, written, written - WriteBehind.STEP_BYTES + 1);
            assertThat(writeBehind.forcedUpTo()).isLessThanOrEqualTo(written);
        }
    }

    @Test
    void lessThanAStepAsksForNoFsync() throws Exception {
        try (FileChannel channel = open("short")) {
            WriteBehind writeBehind = new WriteBehind(channel, 0);
            write(channel, writeBehind, 0, WriteBehind.STEP_BYTES - 1);
            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(writeBehind.forcedUpTo()).isZero();
        }
    }

    /** A resume starts counting at the bytes the file held: the first fsync comes a whole step after them. */
    @Test
    void aResumeCountsItsStepsFromWhereItStarted() throws Exception {
        long start = WriteBehind.STEP_BYTES + CHUNK;
        try (FileChannel channel = open("resumed")) {
            WriteBehind writeBehind = new WriteBehind(channel, start);
            assertThat(writeBehind.forcedUpTo()).isEqualTo(start);
            long written = write(channel, writeBehind, start, start + WriteBehind.STEP_BYTES);
            awaitForced(writeBehind, written, written);
            assertThat(writeBehind.forcedUpTo()).isEqualTo(written);
        }
    }

    /** A channel closed under it (the upload failed or ended) makes its fsync fail quietly: publish's own decides. */
    @Test
    void aClosedChannelIsNotAnError() throws Exception {
        FileChannel channel = open("closed");
        WriteBehind writeBehind = new WriteBehind(channel, 0);
        channel.close();
        writeBehind.written(WriteBehind.STEP_BYTES);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(writeBehind.forcedUpTo()).isZero();
        // The failed fsync ended, so the next step may ask again (and fail again, quietly).
        writeBehind.written(2 * WriteBehind.STEP_BYTES);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(writeBehind.forcedUpTo()).isZero();
    }

    private FileChannel open(String name) throws Exception {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Writes from {@code from} to {@code to} a MiB at a time, telling {@code writeBehind} after each, as an upload does. */
    private static long write(FileChannel channel, WriteBehind writeBehind, long from, long to) throws Exception {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        long size = from;
        while (size < to) {
            chunk.clear().limit((int) Math.min(CHUNK, to - size));
            while (chunk.hasRemaining()) {
                size += channel.write(chunk, size);
            }
            writeBehind.written(size);
        }
        return size;
    }

    /**
     * Waits until {@code bytes} are forced out, telling {@code writeBehind} the writer is at {@code size}
     * meanwhile: a step reached while an earlier fsync still ran asks for none, and the writer's next
     * write (here: the same size again) asks for it.
     */
    private static void awaitForced(WriteBehind writeBehind, long size, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writeBehind.forcedUpTo() < bytes && System.nanoTime() < deadline) {
            writeBehind.written(size);
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(writeBehind.forcedUpTo()).as("bytes forced out within a minute").isGreaterThanOrEqualTo(bytes);
    }
}
