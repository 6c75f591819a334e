package org.vidshare.client;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A TLS connection's records between direct buffers and its socket channel, with no copy through
 * the heap (for a native engine: EngineTls). The channel is non-blocking and waits on a selector of
 * its own for each direction, made at the first wait, so that the socket's read timeout
 * ({@code setSoTimeout}) still bounds a read (a blocking channel read would ignore it) and a close
 * from another thread, or an interrupt of the waiting one, still ends a read or write that waits.
 */
final class ChannelWire {
    private final Socket socket;
    private final SocketChannel channel;
    private Selector readable;
    private Selector writable;
    private volatile boolean closed;

    ChannelWire(Socket socket) throws IOException {
        this.socket = socket;
        this.channel = socket.getChannel();
        channel.configureBlocking(false);
    }

    /** Reads what the channel has into {@code into} (at least a byte, waiting up to the read timeout); -1 at its end. */
    int read(ByteBuffer into) throws IOException {
        int timeoutMillis = socket.getSoTimeout();
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int n = channel.read(into);
            if (n != 0) {
                return n;
            }
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now >= deadline) {
                throw new SocketTimeoutException("Read timed out");
            }
            // select(0) waits without a bound, as a read timeout of 0 does
            long left = deadline == Long.MAX_VALUE ? 0 : Math.max(1, (deadline - now) / 1_000_000L);
            synchronized (this) {
                if (readable == null) {
                    readable = register(SelectionKey.OP_READ);
                }
            }
            await(readable, left);
        }
    }

    /** Writes all of {@code from} (read mode), waiting while the socket's send buffer is full. */
    void write(ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            if (channel.write(from) == 0) {
                synchronized (this) {
                    if (writable == null) {
                        writable = register(SelectionKey.OP_WRITE);
                    }
                }
                await(writable, 0);
            }
        }
    }

    /** Ends a read or write waiting in another thread, then closes the socket. */
    void close() throws IOException {
        closed = true;
        Selector r;
        Selector w;
        synchronized (this) {
            r = readable;
            w = writable;
        }
        try {
            socket.close();
        } finally {
            if (r != null) {
                r.close();
            }
            if (w != null) {
                w.close();
            }
        }
    }

    private Selector register(int operation) throws IOException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
        Selector selector = Selector.open();
        channel.register(selector, operation);
        return selector;
    }

    /**
     * Waits for the selector's operation, a close, or an interrupt. An interrupt closes the
     * connection and ends the wait, as it does a blocking channel's read or write (a plain
     * connection's): a select returns at once while an interrupt is pending, so a wait that
     * ignored it would spin until bytes came, and a record half read leaves nothing to go on with.
     */
    private void await(Selector selector, long timeoutMillis) throws IOException {
        try {
            selector.select(timeoutMillis);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket closed");
        }
        if (Thread.currentThread().isInterrupted()) {
            close();
            throw new ClosedByInterruptException();
        }
        if (closed || !channel.isOpen()) {
            throw new SocketException("Socket closed");
        }
    }
}
