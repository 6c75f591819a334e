package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.vidshare.core.spi.IncomingPayload;

/**
 * Writes an upload's bytes out to the disk while the rest are still arriving, when the upload is
 * answered only once its movie is on the disk ({@code upload.sync-before-publish}, which the
 * storage's publish does). Without it the kernel would hold the whole file in the page cache until
 * that final fsync, and an upload would take its network time and then its disk time; with it, the
 * two overlap and the final fsync finds only the last few MiB dirty.
 *
 * <p>When the network outruns the disk, the bytes written and not yet on the disk would grow with
 * the upload (up to the kernel's dirty limit, gigabytes on a large machine), and so would the final
 * fsync's wait before the reply: long enough, over a fast network onto a slow disk, for a client to
 * give up waiting. So once {@link #MAX_UNFORCED_BYTES} are unforced, the payload's reads pause
 * ({@link IncomingPayload#pause()}: the peer waits on TCP, no thread waits) until an fsync brings
 * them under it again.
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
    /**
     * Bytes written and not yet forced out at which the payload's reads pause: 64 MiB, which a disk
     * of 100 MB/s writes in under a second, so the reply never waits much longer than that on the
     * disk; and four steps, so the disk always has the next fsync's bytes while one runs.
     */
    static final long MAX_UNFORCED_BYTES = 4 * STEP_BYTES;
    private static final ThreadPoolExecutor FORCES = forcingThread();

    /** Forces a file's written bytes out to the disk: {@code channel.force(false)} but in tests. */
    @FunctionalInterface
    interface Force {
        void force() throws IOException;
    }

    private final Force force;
    private final IncomingPayload payload;
    /** The fields below are guarded by {@code this}: the writer's thread and the forcing thread share them. */
    private boolean inFlight;
    /** Where the last fsync was asked for. */
    private long askedAt;
    /** Where the last fsync that completed was asked for ({@code start} before any): the bytes before it are on the disk. */
    private long forcedUpTo;
    /** Where the writer is. */
    private long written;
    /** Whether this writer paused the payload's reads, for the bytes unforced. */
    private boolean paused;

    /**
     * {@code start}: the bytes the file held when this writer opened it (a resume's prefix), where
     * the steps count from; {@code payload}: the reads to pause when too much is unforced.
     */
    WriteBehind(FileChannel channel, long start, IncomingPayload payload) {
        this(() -> channel.force(false), start, payload);
    }

    WriteBehind(Force force, long start, IncomingPayload payload) {
        this.force = force;
        this.payload = payload;
        this.askedAt = start;
        this.forcedUpTo = start;
        this.written = start;
    }

    /** The writer reached {@code size} bytes (network thread: never waits). */
    void written(long size) {
        boolean pause;
        boolean ask;
        synchronized (this) {
            written = size;
            pause = !paused && size - forcedUpTo >= MAX_UNFORCED_BYTES;
            paused |= pause;
            // A paused writer with no fsync running (the last one failed) asks for one at once.
            ask = !inFlight && (size - askedAt >= STEP_BYTES || paused);
            if (ask) {
                inFlight = true;
                askedAt = size;
            }
        }
        if (pause) {
            payload.pause();
        }
        if (ask) {
            FORCES.execute(() -> forceUpTo(size));
        }
    }

    /**
     * Forcing thread: forces the file, then resumes paused reads once the unforced bytes are under
     * {@link #MAX_UNFORCED_BYTES}, or asks at once for the next fsync while they are not (the paused
     * writer asks for none). A failed fsync resumes them too: publish's fsync decides the upload.
     */
    private void forceUpTo(long size) {
        boolean forced;
        try {
            force.force();
            forced = true;
        } catch (IOException e) {
            forced = false;
        }
        boolean resume;
        long next = -1;
        synchronized (this) {
            inFlight = false;
            if (forced) {
                forcedUpTo = size;
            }
            resume = paused && (!forced || written - forcedUpTo < MAX_UNFORCED_BYTES);
            paused &= !resume;
            if (paused) {
                inFlight = true;
                askedAt = written;
                next = written;
            }
        }
        if (resume) {
            payload.resume();
        }
        if (next >= 0) {
            long upTo = next;
            FORCES.execute(() -> forceUpTo(upTo));
        }
    }

    /** Where the last completed fsync was asked for: the bytes before it are on the disk ({@code start} before any). */
    synchronized long forcedUpTo() {
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
