package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The SHA-256 of a file that is still being written, computed on a thread of its own behind the
 * writer. The writer hands over each chunk it wrote ({@link #written}): the hasher hashes those
 * bytes where they are, in memory, and reads back from the page cache only what it has no chunk
 * for (a resumed upload's prefix, and chunks it was too far behind to be given). The network
 * thread only writes and queues a view, so an upload costs it no hashing and runs at the speed of
 * whichever is slower, the copy or one core's SHA-256, instead of their sum. Memory is one read
 * buffer and at most {@link #MAX_QUEUED_BYTES} of chunks, whatever the file size; the writer never
 * waits for the hasher. A hasher that is behind keeps the chunks it was lent, and on a plain
 * connection the server's receiver reads no more while it keeps all it may lend (as many as this
 * queue holds), so the upload's bytes wait in the socket and are hashed from memory: not holding
 * back, the hasher read almost every byte of an upload back from the file, on the core that limits
 * the upload.
 */
final class TrailingSha256 implements Runnable {
    private static final int READ_BYTES = 256 * 1024;
    /**
     * For bytes it has no chunk for (ones it reads back), the writer wakes the hasher once per this
     * many, not per write: a wake-up is a system call and a context switch on both sides. A chunk
     * handed over wakes a parked hasher at once ({@link #written(ByteBuffer, Runnable, long)}).
     */
    private static final long WAKE_EVERY_BYTES = 1 << 20;
    /**
     * Memory the chunks handed over and not hashed yet may hold, at most: twice what is written
     * between two wake-ups. Counted as the buffers they keep alive, not their bytes (a short read
     * still holds its whole read buffer). Past that the writer stops handing chunks over (a hasher
     * that far behind reads those bytes back instead), so a slow hasher costs a read-back, never memory.
     */
    static final long MAX_QUEUED_BYTES = 2 * WAKE_EVERY_BYTES;

    /**
     * Bytes the writer wrote at file offsets [start, end), the memory their buffer holds, and what
     * gives that buffer back to the one who lent it, once they are hashed (or not needed).
     */
    private record Chunk(long start, long end, ByteBuffer bytes, long held, Runnable release) {
    }

    private final FileChannel file;
    private final MessageDigest sha256 = newSha256();
    private final CompletableFuture<String> digest = new CompletableFuture<>();
    private final Thread thread;
    private final Queue<Chunk> chunks = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Bytes of the file that are written and may be hashed (only grows). */
    private volatile long written;
    /** Set once the writer is done: hash up to {@link #written}, then complete. */
    private volatile boolean ending;
    private volatile boolean stopped;
    /** The hasher is parked, or about to park: the writer wakes it for a chunk. */
    private volatile boolean parked;
    private long hashed;
    /** Of {@link #hashed}, the bytes read back from the file rather than hashed from a chunk. */
    private long readBack;
    /** Writer side only: {@link #written} at the last wake-up. */
    private long wokenAt;

    private TrailingSha256(FileChannel file, long written, String name) {
        this.file = file;
        this.written = written;
        this.thread = new Thread(this, "upload-sha256 " + name);
        thread.setDaemon(true);
    }

    /** Starts hashing {@code file} from byte 0; the first {@code alreadyWritten} bytes are there now. */
    static TrailingSha256 start(FileChannel file, long alreadyWritten, String name) {
        TrailingSha256 hasher = new TrailingSha256(file, alreadyWritten, name);
        hasher.thread.start();
        return hasher;
    }

    /** The writer has written the file up to {@code size} bytes (ones the hasher reads back). */
    void writtenUpTo(long size) {
        written = size;
        if (size - wokenAt >= WAKE_EVERY_BYTES) {
            wokenAt = size;
            LockSupport.unpark(thread);
        }
    }

    /**
     * The writer has written {@code chunk} (its remaining bytes, unchanged until {@code release}
     * runs) and the file now has {@code size} bytes. The hasher hashes the bytes from the chunk if
     * it may keep one more, and runs {@code release} once it is done with them, or at once.
     */
    void written(ByteBuffer chunk, Runnable release, long size) {
        long held = chunk.hasArray() ? chunk.array().length : chunk.capacity();
        if (chunk.hasRemaining() && queuedBytes.get() + held <= MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(held);
            chunks.add(new Chunk(size - chunk.remaining(), size, chunk, held, release));
            if (stopped) {
                releaseAll(); // the hasher may have ended before this chunk came
            }
            // The hasher keeps the receiver's buffer now, and the receiver stops reading while the
            // sink keeps all it may lend: a parked hasher is woken for it, not at the next MiB,
            // which might never come. (Written before parked is read; the hasher sets parked
            // before it reads written: one of the two sees the other.)
            written = size;
            if (parked) {
                wokenAt = size;
                LockSupport.unpark(thread);
            }
            return;
        } else {
            release.run();
        }
        writtenUpTo(size);
    }

    /** No more bytes come: the hex SHA-256 of the first {@link #written} bytes, once hashed. */
    CompletionStage<String> finish() {
        ending = true;
        LockSupport.unpark(thread);
        return digest;
    }

    /** How many of the bytes hashed were read back from the file; read once {@link #finish()} completed. */
    long bytesReadBack() {
        return readBack;
    }

    /** Abandons the hash (the upload failed or was closed); the thread ends. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        try {
            byte[] array = new byte[READ_BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(array);
            while (!stopped) {
                boolean last = ending; // read before written: once ending is seen, written is final
                long available = written;
                if (hashed < available) {
                    Chunk next = nextChunk();
                    if (next != null && next.start() == hashed) {
                        sha256.update(next.bytes());
                        hashed = next.end();
                        dropHead();
                    } else {
                        // No chunk for these bytes (the prefix, or ones not handed over): read them back.
                        long until = next == null ? available : Math.min(available, next.start());
                        buffer.clear().limit((int) Math.min(READ_BYTES, until - hashed));
                        int read = file.read(buffer, hashed);
                        if (read < 0) {
                            throw new IOException("the partial shrank while hashing: " + hashed + " of " + available);
                        }
                        sha256.update(array, 0, read);
                        hashed += read;
                        readBack += read;
                    }
                } else if (last) {
                    digest.complete(HexFormat.of().formatHex(sha256.digest()));
                    return;
                } else {
                    // Woken by a chunk, at the next MiB written, at finish() or at stop(); a wake-up
                    // that came before this park leaves a permit, so none is lost. parked is set
                    // before written is read again, so a chunk published meanwhile is seen here
                    // or wakes this park.
                    parked = true;
                    if (written <= hashed && !ending && !stopped) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            digest.completeExceptionally(new IOException("hashing stopped: the upload was closed"));
        } catch (IOException | RuntimeException e) {
            digest.completeExceptionally(e);
        } finally {
            releaseAll();
        }
    }

    /**
     * The first chunk that starts at or after {@link #hashed}, or null; any before it are dropped.
     * (A chunk is queued before the size that includes it is published, and a read-back stops at
     * the next chunk, so none should start behind; if one did, its bytes are read back instead.)
     */
    private Chunk nextChunk() {
        Chunk head = chunks.peek();
        while (head != null && head.start() < hashed) {
            dropHead();
            head = chunks.peek();
        }
        return head;
    }

    private void dropHead() {
        release(chunks.poll());
    }

    /** Gives back every chunk still queued; each exactly once, whichever thread polls it. */
    private void releaseAll() {
        for (Chunk chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
            release(chunk);
        }
    }

    private void release(Chunk chunk) {
        if (chunk != null) {
            queuedBytes.addAndGet(-chunk.held());
            chunk.release().run();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
