package org.vidshare.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The baselines: plain Java programs that do nothing but move the file over loopback into another
 * file (each a sender thread and a receiver thread on one socket), and one core's SHA-256 over the
 * same bytes. Every variant is a fair candidate for "the fastest way Java copies a file over TCP";
 * the benchmark takes the best of them as the limit.
 */
final class PlainCopies {
    /** How the sending side moves file bytes into the socket. */
    enum Send { SENDFILE, DIRECT_256K, DIRECT_1M }

    /** How the receiving side moves socket bytes into the file. */
    enum Receive { TRANSFER_FROM, DIRECT_256K, DIRECT_1M }

    /** How much a durable receive's file grows between two fsyncs while it arrives (as the server's). */
    private static final long FORCE_STEP_BYTES = 16L << 20;

    private PlainCopies() {
    }

    /** Seconds from connect to the last byte written to {@code target}. */
    static double copy(Path source, Path target, long size, Send send, Receive receive) throws Exception {
        return copy(source, target, size, send, (socket, out) -> receive(socket, out, size, receive));
    }

    /**
     * The plain form of an upload: sendfile into the socket, the receiver writing 1 MiB direct
     * buffers to the file while a second thread hashes them ({@link HashedReceive}); fails unless
     * the hash is {@code sha256}. {@code durable}: the plain form of an upload answered only once its
     * movie is on the disk: a third thread forces the file out (fsync) after every 16 MiB while the
     * bytes arrive, and the clock stops after a last fsync.
     */
    static double hashedCopy(Path source, Path target, long size, String sha256, boolean durable) throws Exception {
        return copy(source, target, size, Send.SENDFILE, (socket, out) -> {
            AtomicBoolean received = new AtomicBoolean();
            Thread forcing = durable ? startForcing(out, received) : null;
            String hash;
            try {
                hash = HashedReceive.into(socket, out, size);
            } finally {
                received.set(true);
                if (forcing != null) {
                    joinUninterruptibly(forcing);
                }
            }
            if (!hash.equals(sha256)) {
                throw new IllegalStateException("the hashed copy's SHA-256 " + hash + " is not " + sha256);
            }
            if (durable) {
                out.force(true);
            }
        });
    }

    /**
     * A thread that forces {@code out} to the disk each time it has grown by 16 MiB, until {@code stop}.
     * (Not stopped by an interrupt: one during an fsync would close the file channel.)
     */
    private static Thread startForcing(FileChannel out, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            long forced = 0;
            try {
                while (!stop.get()) {
                    long grown = out.size();
                    if (grown - forced >= FORCE_STEP_BYTES) {
                        out.force(false);
                        forced = grown;
                    } else {
                        Thread.sleep(1);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The channel closed under it (the receive failed): nothing left to force.
            }
        }, "plain-write-behind");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The receiving end of a copy. */
    @FunctionalInterface
    private interface Receiver {
        void receive(SocketChannel socket, FileChannel out) throws IOException;
    }

    private static double copy(Path source, Path target, long size, Send send, Receiver receiver) throws Exception {
        ExecutorService senderThread = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            Future<?> sent = senderThread.submit(() -> {
                try (SocketChannel peer = listener.accept();
                     FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                    send(in, peer, size, send);
                }
                return null;
            });
            try (SocketChannel socket = SocketChannel.open(listener.getLocalAddress());
                 FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                socket.socket().setTcpNoDelay(true);
                receiver.receive(socket, out);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sent.get();
            return seconds;
        } finally {
            senderThread.shutdownNow();
        }
    }

    private static void send(FileChannel in, SocketChannel peer, long size, Send send) throws IOException {
        if (send == Send.SENDFILE) {
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, peer);
            }
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(send == Send.DIRECT_256K ? 256 << 10 : 1 << 20);
        for (long done = 0; done < size; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - done));
            int read = in.read(buffer, done);
            buffer.flip();
            while (buffer.hasRemaining()) {
                peer.write(buffer);
            }
            done += read;
        }
    }

    private static void receive(SocketChannel socket, FileChannel out, long size, Receive receive) throws IOException {
        if (receive == Receive.TRANSFER_FROM) {
            for (long done = 0; done < size; ) {
                long moved = out.transferFrom(socket, done, size - done);
                if (moved <= 0) {
                    throw new IOException("transferFrom ended after " + done + " bytes");
                }
                done += moved;
            }
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(receive == Receive.DIRECT_256K ? 256 << 10 : 1 << 20);
        for (long done = 0; done < size; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - done));
            while (buffer.hasRemaining()) {
                if (socket.read(buffer) < 0) {
                    throw new IOException("the plain copy ended early");
                }
            }
            buffer.flip();
            int filled = buffer.remaining();
            while (buffer.hasRemaining()) {
                out.write(buffer, done + buffer.position());
            }
            done += filled;
        }
    }

    /**
     * Seconds one core needs for SHA-256 over the file's bytes: the file is read a MiB at a time
     * (from the page cache) and only the hashing is timed.
     */
    static double sha256Seconds(Path source, long size) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] array = new byte[1 << 20];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        long nanos = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            for (long done = 0; done < size; ) {
                buffer.clear().limit((int) Math.min(array.length, size - done));
                int read = in.read(buffer, done);
                long start = System.nanoTime();
                sha256.update(array, 0, read);
                nanos += System.nanoTime() - start;
                done += read;
            }
        }
        sha256.digest();
        return nanos / 1e9;
    }
}
