package org.vidshare.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a test server that passes client-to-server bytes at a fixed
 * rate (server-to-client at full speed): a real, slow link, so that a test can watch an upload
 * while it runs. Over plain loopback a test-sized upload is over before a screen capture starts.
 * The client-to-server direction can also be held still for a moment ({@link #hold}), so that what
 * a capture shows and what the test then reads are the same moment of the transfer.
 */
final class ThrottledRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final long upBytesPerSecond;
    private final long downBytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean held; // guarded by gate

    ThrottledRelay(int targetPort, long upBytesPerSecond) throws IOException {
        this(targetPort, upBytesPerSecond, 0);
    }

    /**
     * With a server-to-client rate too (a slow download). The relay's socket to the server then
     * has a small receive buffer, so that what the relay holds when the server goes away is little
     * next to the movie: a download cut by a server restart is cut mid-way, not served from buffers.
     */
    ThrottledRelay(int targetPort, long upBytesPerSecond, long downBytesPerSecond) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.upBytesPerSecond = upBytesPerSecond;
        this.downBytesPerSecond = downBytesPerSecond;
        daemon("relay-accept", this::acceptLoop).start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                if (downBytesPerSecond > 0) {
                    server.setReceiveBufferSize(64 * 1024);
                }
                server.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                // The server is away (restarting): the client sees its connection close, as without a relay.
                closeQuietly(server);
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            daemon("relay-up", () -> pump(client, server, upBytesPerSecond, true)).start();
            daemon("relay-down", () -> pump(server, client, downBytesPerSecond, false)).start();
        }
    }

    /** Copies until end of stream; with a rate, sleeps whenever the bytes so far run ahead of it. */
    /** Stops passing client-to-server bytes (a running upload stalls) until {@link #release}. */
    void hold() {
        synchronized (gate) {
            held = true;
        }
    }

    void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (gate) {
            while (held) {
                gate.wait();
            }
        }
    }

    private void pump(Socket from, Socket to, long bytesPerSecond, boolean holdable) {
        byte[] buffer = new byte[16 * 1024];
        long start = System.nanoTime();
        long total = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                if (holdable) {
                    awaitRelease();
                }
                out.write(buffer, 0, read);
                total += read;
                if (bytesPerSecond > 0) {
                    long dueNanos = total * 1_000_000_000L / bytesPerSecond;
                    long aheadMillis = (dueNanos - (System.nanoTime() - start)) / 1_000_000;
                    if (aheadMillis > 0) {
                        Thread.sleep(aheadMillis);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: the finally below closes the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        sockets.forEach(ThrottledRelay::closeQuietly);
    }
}
