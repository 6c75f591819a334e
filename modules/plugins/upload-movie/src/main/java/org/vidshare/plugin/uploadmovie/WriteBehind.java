package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes an upload's bytes out to the disk while the rest are still arriving, when the upload is
 * answered only once its movie is on the disk ({@code upload.sync-before-publish}, which the
 * storage's publish does). Without it the kernel would hold the whole file in the page cache until
 * that final fsync, and an upload would take its network time and then its disk time; with it, the
 * two overlap and the final fsync finds only the last few MiB dirty.
 *
 * <p>Why an fsync on a thread of its own and not a kernel hint: Java has no {@code sync_file_range}.
 * One thread serves every upload of the server (they share the disk anyway), each upload with at
 * most one fsync waiting or running, so a slow disk queues no work. Each is best effort: one that
 * fails (the channel closed under it, an I/O error) is dropped, since publish's own fsync is the
 * one that must succeed and reports the error.
 */
final class WriteBehind {
    /** Bytes written since the last fsync began before the next one is asked for. */
    static final long STEP_BYTES = 16L << 20;
    private static final ThreadPoolExecutor FORCES = forcingThread();

    private final FileChannel channel;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    /** Where the last fsync was asked for (the writer's thread only). */
    private long askedAt;
    /** Where the last fsync that completed was asked for ({@code start} before any): for tests. */
    private volatile long forcedUpTo;

    /** {@code start}: the bytes the file held when this writer opened it (a resume's prefix), where the steps count from. */
    WriteBehind(FileChannel channel, long start) {
        this.channel = channel;
        this.askedAt = start;
        this.forcedUpTo = start;
    }

    /** The writer reached {@code size} bytes (network thread: never waits). */
    void written(long size) {
        if (size - askedAt < STEP_BYTES || !inFlight.compareAndSet(false, true)) {
            return;
        }
        askedAt = size;
        FORCES.execute(() -> {
            try {
                channel.force(false);
                forcedUpTo = size;
            } catch (IOException e) {
                // Best effort (above): publish forces the file again and fails the upload if that fails.
            } finally {
                inFlight.set(false);
            }
        });
    }

    /** Where the last completed fsync was asked for: the bytes before it are on the disk ({@code start} before any). */
    long forcedUpTo() {
        return forcedUpTo;
    }

    private static ThreadPoolExecutor forcingThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "upload-write-behind");
                    thread.setDaemon(true);
                    return thread;
                });
        // No thread while no upload needs one.
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
