package org.vidshare.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The plain Java form of what an upload's receiver must do: socket bytes into the file, and every
 * byte through SHA-256 on a second thread while the next buffer is read. The benchmark's "plain
 * hashed copy": what the machine gives a receiver that hashes, with no protocol at all.
 */
final class HashedReceive {
    private static final int BUFFERS = 4;
    private static final int SIZE = 1 << 20;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private HashedReceive() {
    }

    /** Receives {@code size} bytes into {@code out}; returns their SHA-256 (hex). */
    static String into(SocketChannel socket, FileChannel out, long size) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(SIZE));
        }
        ExecutorService hasherThread = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> digest = hasherThread.submit(() -> hash(filled, free));
            for (long done = 0; done < size; ) {
                ByteBuffer buffer = free.take();
                buffer.clear().limit((int) Math.min(SIZE, size - done));
                while (buffer.hasRemaining()) {
                    if (socket.read(buffer) < 0) {
                        throw new IOException("the hashed copy ended early");
                    }
                }
                buffer.flip();
                int length = buffer.remaining();
                ByteBuffer writing = buffer.duplicate();
                while (writing.hasRemaining()) {
                    out.write(writing, done + writing.position());
                }
                filled.put(buffer);
                done += length;
            }
            filled.put(END);
            return HexFormat.of().formatHex(digest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the hasher failed", e.getCause());
        } finally {
            hasherThread.shutdownNow();
        }
    }

    private static byte[] hash(BlockingQueue<ByteBuffer> filled, BlockingQueue<ByteBuffer> free)
            throws InterruptedException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] array = new byte[64 << 10];
        for (ByteBuffer buffer = filled.take(); buffer != END; buffer = filled.take()) {
            // Through a heap array: MessageDigest's own path for a direct buffer copies 4 KiB at a time.
            while (buffer.hasRemaining()) {
                int length = Math.min(array.length, buffer.remaining());
                buffer.get(array, 0, length);
                sha256.update(array, 0, length);
            }
            free.put(buffer);
        }
        return sha256.digest();
    }
}
