package org.vidshare.plugin.uploadmovie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.PayloadSink;

/** An upload's bytes go out to the disk while it is written, on real files, with no fsync of the writer's own. */
class WriteBehindTest {
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path dir;

    private final CountingPayload payload = new CountingPayload();

    @Test
    void everyStepWrittenIsForcedOutWithNoFsyncOfTheWritersOwn() throws Exception {
        long total = 4 * WriteBehind.STEP_BYTES + CHUNK;
        try (FileChannel channel = open("partial")) {
            WriteBehind writeBehind = new WriteBehind(channel, 0, payload);
            long written = write(channel, writeBehind, 0, total);
            // What is left unforced is less than a step: the final fsync of publish takes that.
            awaitForced(writeBehind, written, written - WriteBehind.STEP_BYTES + 1);
            assertThat(writeBehind.forcedUpTo()).isLessThanOrEqualTo(written);
        }
    }

    @Test
    void lessThanAStepAsksForNoFsync() throws Exception {
        try (FileChannel channel = open("short")) {
            WriteBehind writeBehind = new WriteBehind(channel, 0, payload);
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
            WriteBehind writeBehind = new WriteBehind(channel, start, payload);
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
        WriteBehind writeBehind = new WriteBehind(channel, 0, payload);
        channel.close();
        writeBehind.written(WriteBehind.STEP_BYTES);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(writeBehind.forcedUpTo()).isZero();
        // The failed fsync ended, so the next step may ask again (and fail again, quietly).
        writeBehind.written(2 * WriteBehind.STEP_BYTES);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(writeBehind.forcedUpTo()).isZero();
    }

    /**
     * The disk behind the network: the first fsync waits until the test lets it go. The payload's
     * reads pause once {@link WriteBehind#MAX_UNFORCED_BYTES} are unforced, and resume once the
     * fsyncs that follow (asked for by the forcing thread, since the paused writer writes no more)
     * have brought them under it.
     */
    @Test
    void readsPauseWhileTooMuchIsUnforcedAndResumeOnceTheDiskCatchesUp() throws Exception {
        Semaphore disk = new Semaphore(0);
        try (FileChannel channel = open("slow-disk")) {
            AtomicInteger forces = new AtomicInteger();
            WriteBehind writeBehind = new WriteBehind(() -> {
                if (forces.incrementAndGet() == 1) {
                    disk.acquireUninterruptibly();
                }
                channel.force(false);
            }, 0, payload);
            long written = write(channel, writeBehind, 0, WriteBehind.MAX_UNFORCED_BYTES - CHUNK);
            assertThat(payload.pauses()).as("pauses under the bound").isZero();
            written = write(channel, writeBehind, written, WriteBehind.MAX_UNFORCED_BYTES + CHUNK);
            assertThat(payload.pauses()).as("pauses once the bound is reached").isEqualTo(1);
            // A paused writer still writes what its last reads brought. Here more than a step, so
            // that the first fsync alone does not bring the unforced bytes under the bound.
            written = write(channel, writeBehind, written, written + WriteBehind.STEP_BYTES + CHUNK);
            assertThat(payload.pauses()).isEqualTo(1);
            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(payload.resumes()).as("resumes while the first fsync still waits").isZero();

            disk.release();
            awaitResumed(1);
            assertThat(writeBehind.forcedUpTo()).as("forced when the reads resumed").isEqualTo(written);
            assertThat(forces.get()).as("the first fsync, then the one the forcing thread asked for").isEqualTo(2);
            assertThat(payload.pauses()).isEqualTo(1);
        }
    }

    /** An fsync that fails resumes the reads it paused: publish's own fsync decides the upload. */
    @Test
    void aFailedFsyncResumesThePausedReads() throws Exception {
        Semaphore disk = new Semaphore(0);
        try (FileChannel channel = open("failing-disk")) {
            WriteBehind writeBehind = new WriteBehind(() -> {
                disk.acquireUninterruptibly();
                throw new IOException("the disk failed");
            }, 0, payload);
            write(channel, writeBehind, 0, WriteBehind.MAX_UNFORCED_BYTES + CHUNK);
            assertThat(payload.pauses()).isEqualTo(1);
            disk.release();
            awaitResumed(1);
            assertThat(writeBehind.forcedUpTo()).isZero();
        }
    }

    private void awaitResumed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (payload.resumes() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(payload.resumes()).as("resumes within a minute").isEqualTo(count);
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

    /** The payload's side of a pause: counts what the writer asked of it. */
    private static final class CountingPayload implements IncomingPayload {
        private final AtomicInteger pauses = new AtomicInteger();
        private final AtomicInteger resumes = new AtomicInteger();

        @Override
        public long length() {
            return Long.MAX_VALUE;
        }

        @Override
        public CompletionStage<Void> receiveInto(PayloadSink sink) {
            throw new UnsupportedOperationException("the test writes the file itself");
        }

        @Override
        public void pause() {
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            resumes.incrementAndGet();
        }

        int pauses() {
            return pauses.get();
        }

        int resumes() {
            return resumes.get();
        }
    }
}
