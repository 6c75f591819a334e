package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * The SHA-256 of a file that is still being written, computed on a thread of its own that reads
 * back (from the page cache) what the writer has already written. The network thread only writes
 * and moves a counter, so an upload costs it no hashing and runs at the speed of whichever is
 * slower, the copy or one core's SHA-256, instead of their sum. Memory is one buffer, whatever the
 * file size; the writer never waits for the hasher.
 */
final class TrailingSha256 implements Runnable {
    private static final int READ_BYTES = 256 * 1024;
    /**
     * The writer wakes the hasher once per this many bytes, not per chunk: a wake-up is a system
     * call and a context switch on both sides, and a hasher that is ahead would otherwise be woken
     * for every 64 KiB.
     */
    private static final long WAKE_EVERY_BYTES = 1 << 20;

    private final FileChannel file;
    private final MessageDigest sha256 = newSha256();
    private final CompletableFuture<String> digest = new CompletableFuture<>();
    private final Thread thread;
    /** Bytes of the file that are written and may be hashed (only grows). */
    private volatile long written;
    /** Set once the writer is done: hash up to {@link #written}, then complete. */
    private volatile boolean ending;
    private volatile boolean stopped;
    private long hashed;
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

    /** The writer has written the file up to {@code size} bytes. */
    void writtenUpTo(long size) {
        written = size;
        if (size - wokenAt >= WAKE_EVERY_BYTES) {
            wokenAt = size;
            LockSupport.unpark(thread);
        }
    }

    /** No more bytes come: the hex SHA-256 of the first {@link #writtenUpTo} bytes, once hashed. */
    CompletionStage<String> finish() {
        ending = true;
        LockSupport.unpark(thread);
        return digest;
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
                    buffer.clear().limit((int) Math.min(READ_BYTES, available - hashed));
                    int read = file.read(buffer, hashed);
                    if (read < 0) {
                        throw new IOException("the partial shrank while hashing: " + hashed + " of " + available);
                    }
                    sha256.update(array, 0, read);
                    hashed += read;
                } else if (last) {
                    digest.complete(HexFormat.of().formatHex(sha256.digest()));
                    return;
                } else {
                    // Woken at the next MiB written, at finish() or at stop(); a wake-up that came
                    // before this park leaves a permit, so none is lost.
                    LockSupport.park(this);
                }
            }
            digest.completeExceptionally(new IOException("hashing stopped: the upload was closed"));
        } catch (IOException | RuntimeException e) {
            digest.completeExceptionally(e);
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
