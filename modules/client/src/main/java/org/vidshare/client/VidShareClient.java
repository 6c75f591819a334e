package org.vidshare.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.tls.TlsImplementations;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * A blocking VidShare connection: one request, then its reply (and payload), as the protocol says.
 * Shared by the Swing client, the tests and the tools. Not thread-safe: one thread per connection;
 * transfers open a connection of their own. After a successful {@code login} the session token is
 * added to every later request that does not name one.
 */
public final class VidShareClient implements Closeable {
    private static final int CHUNK = 64 * 1024;
    /**
     * Payload bytes per socket-to-file step on a plain connection: large enough that the per-call
     * costs (syscalls, progress callbacks) vanish against the copying, small enough to stay in cache.
     */
    private static final int PAYLOAD_CHUNK = 1 << 20;
    /** The same for TLS: one step of a TLS download, one chunk of a TLS upload. */
    private static final int TLS_STEP = 256 * 1024;
    /** The longest a download's bytes wait for more before they are written anyway ({@link #fill}). */
    private static final long HOLD_MILLIS = 100;
    /** How often a waiting payload read looks whether another thread closed the connection (cancel). */
    private static final long CLOSE_CHECK_MILLIS = 200;

    private final Socket socket;
    /** The socket's channel on a plain connection; null over TLS, whose socket has none. */
    private final SocketChannel channel;
    /** A TLS connection's engine over the plain {@link #socket}; null on a plain connection. */
    private final EngineTls tls;
    private final ReplyInput buffered;
    private final DataInputStream in;
    private final OutputStream out;
    /** Direct, reused by every payload on this connection (allocated at the first one). */
    private ByteBuffer payloadBuffer;
    private String session;

    private VidShareClient(Socket socket, SocketChannel channel, EngineTls tls) throws IOException {
        this.socket = socket;
        this.channel = channel;
        this.tls = tls;
        this.buffered = new ReplyInput(tls != null ? tls.input() : socket.getInputStream(), CHUNK);
        this.in = new DataInputStream(buffered);
        this.out = tls != null ? tls.output() : socket.getOutputStream();
    }
    /** Far above any real reply (a list of every movie), far below what a stray length would ask. */
    public static final int MAX_REPLY_BYTES = 64 << 20;

    public static VidShareClient connect(String host, int port) throws IOException {
        return connect(host, port, 10_000);
    }

    public static VidShareClient connect(String host, int port, int timeoutMillis) throws IOException {
        return connect(host, port, null, timeoutMillis);
    }

    /**
     * Connects from a chosen local address (port any), e.g. one of 127.0.0.0/8 to appear as another
     * client machine to the server's per-address limits; null: the system's choice.
     */
    public static VidShareClient connect(String host, int port, InetAddress localAddress) throws IOException {
        return connect(host, port, localAddress, 10_000);
    }

    public static VidShareClient connect(String host, int port, InetAddress localAddress, int timeoutMillis)
            throws IOException {
        // Created from a channel, so that payloads can move between socket and file through direct
        // buffers and sendfile; replies still go through the socket's stream (which keeps timeouts).
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            return new VidShareClient(socket, channel, null);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects over TLS (1.2 or 1.3) and completes the handshake, so that a server the trust
     * manager rejects fails here and not at the first request.
     */
    public static VidShareClient connectTls(String host, int port, javax.net.ssl.SSLContext tls, int timeoutMillis)
            throws IOException {
        javax.net.ssl.SSLEngine sslEngine = tls.createSSLEngine(host, port);
        // Made from a channel: a native engine's records go through it (EngineTls), and the JDK's
        // engine reads its streams, whose blocking reads an interrupt ends (closing the connection),
        // as on a plain connection; a java.net.Socket's read would ignore the interrupt.
        Socket plain = SocketChannel.open().socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(timeoutMillis);
            EngineTls engine = EngineTls.handshake(sslEngine, plain);
            plain.setSoTimeout(0);
            return new VidShareClient(plain, null, engine);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /** Bounds how long a read may block; 0 waits forever. */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public String session() {
        return session;
    }

    /** Whether this connection is encrypted (TLS). */
    public boolean secure() {
        return tls != null;
    }

    /** The TLS session of an encrypted connection (its server's certificate), or null on a plain one. */
    public javax.net.ssl.SSLSession tlsSession() {
        return tls == null ? null : tls.session();
    }

    public void useSession(String token) {
        this.session = token;
    }

    /** Says hello in v1 with the given language. */
    public ClientReply hello(String lang) throws IOException {
        return call(Map.of("type", "hello", "protocol", 1, "client", "vidshare-java/1.0", "lang", lang));
    }

    /** Logs in with the plain password (sent as its md5 hex) and keeps the session on success. */
    public ClientReply login(String name, String plainPassword) throws IOException {
        return call(Map.of("type", "login", "name", name,
                "password", org.vidshare.core.hash.Passwords.md5Hex(plainPassword)));
    }

    /** Sends a request (adding the session when there is one and the request names none) and reads the reply. */
    public ClientReply call(Map<String, ?> request) throws IOException {
        send(withSession(request));
        return readReply();
    }

    /** Sends exactly this request, adding nothing. */
    public ClientReply callAsIs(Map<String, ?> request) throws IOException {
        send(request);
        return readReply();
    }

    /**
     * Uploads: the request, then {@code file}'s bytes from the request's {@code offset} to its
     * {@code file_size}, then the reply. Memory stays flat in the file size.
     */
    public ClientReply upload(Map<String, ?> request, Path file, TransferListener listener) throws IOException {
        Map<String, Object> req = withSession(request);
        long size = ((Number) req.get("file_size")).longValue();
        long offset = req.get("offset") == null ? 0 : ((Number) req.get("offset")).longValue();
        send(req);
        long total = size - offset;
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel != null) {
                sendFile(source, offset, total, listener);
            } else {
                streamFile(source, offset, total, listener);
            }
        } catch (IOException e) {
            // The server may have answered and closed (too_large): prefer its reply to the broken pipe.
            try {
                return readReply();
            } catch (IOException ignored) {
                throw e;
            }
        }
        out.flush();
        return readReply();
    }

    /** Plain connection: the kernel copies file to socket (sendfile); the bytes never enter Java. */
    private void sendFile(FileChannel source, long offset, long total, TransferListener listener) throws IOException {
        long step = Math.max(CHUNK, Math.min(PAYLOAD_CHUNK, total / 8)); // as receiveFromChannel: progress midway
        long done = 0;
        while (done < total) {
            long sent = source.transferTo(offset + done, Math.min(step, total - done), channel);
            if (sent <= 0 && offset + done >= source.size()) {
                throw new EOFException("file shorter than file_size");
            }
            done += sent;
            listener.progress(done, total);
        }
    }

    /** TLS: the bytes must pass through the connection's engine. */
    private void streamFile(FileChannel source, long offset, long total, TransferListener listener) throws IOException {
        if (tls.direct()) {
            encryptFile(source, offset, total, listener);
            return;
        }
        // Whole chunks straight from the array (Channels.newChannel(out) would cut them into 8 KiB
        // writes); each becomes sixteen records in one socket write.
        byte[] chunk = new byte[TLS_STEP];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        long done = 0;
        while (done < total) {
            buffer.clear();
            buffer.limit((int) Math.min(TLS_STEP, total - done));
            int read = source.read(buffer, offset + done);
            if (read < 0) {
                throw new EOFException("file shorter than file_size");
            }
            out.write(chunk, 0, read);
            done += read;
            listener.progress(done, total);
        }
    }

    /** A native engine's TLS: file to engine through the connection's direct buffer, no copy through the heap. */
    private void encryptFile(FileChannel source, long offset, long total, TransferListener listener) throws IOException {
        ByteBuffer buffer = payloadBuffer();
        long done = 0;
        while (done < total) {
            buffer.clear().limit((int) Math.min(TLS_STEP, total - done));
            int read = source.read(buffer, offset + done);
            if (read < 0) {
                throw new EOFException("file shorter than file_size");
            }
            tls.write(buffer.flip());
            done += read;
            listener.progress(done, total);
        }
    }

    /** Sends the JSON of a request and then raw payload bytes exactly as given, for protocol tests. */
    public void sendWithPayload(Map<String, ?> request, byte[] payload) throws IOException {
        send(withSession(request));
        out.write(payload);
        out.flush();
    }

    /**
     * Downloads: the request, the reply, and on success its payload ({@code file_size - offset}
     * bytes) written to {@code target} at the reply's offset. Returns the reply.
     */
    public ClientReply download(Map<String, ?> request, Path target, TransferListener listener) throws IOException {
        ClientReply reply = call(request);
        if (!reply.ok()) {
            return reply;
        }
        long offset = reply.number("offset");
        long total = reply.number("file_size") - offset;
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            file.truncate(offset);
            receivePayload(file, offset, total, listener);
        }
        return reply;
    }

    /**
     * A reply whose payload is a whole file of {@code file_size} bytes (no offset, such as
     * {@code get_thumbnail}): the request, the reply, and on success the payload written to
     * {@code target} (replaced). Returns the reply.
     */
    public ClientReply fetchFile(Map<String, ?> request, Path target, TransferListener listener) throws IOException {
        ClientReply reply = call(request);
        if (!reply.ok()) {
            return reply;
        }
        long total = reply.number("file_size");
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            receivePayload(file, 0, total, listener);
        }
        return reply;
    }

    /**
     * Reads {@code total} payload bytes into {@code file} at {@code position}. The read timeout
     * ({@link #setReadTimeout}) bounds every wait for bytes; closing the client from another
     * thread (a cancel) ends the read with an {@link IOException}.
     */
    public void receivePayload(FileChannel file, long position, long total, TransferListener listener)
            throws IOException {
        // What reading the reply already buffered comes first, then the socket.
        long done = buffered.drainInto(file, position, total);
        if (done > 0) {
            listener.progress(done, total);
        }
        if (channel != null) {
            receiveFromChannel(file, position, done, total, listener);
        } else {
            receiveFromStream(file, position, done, total, listener);
        }
    }

    /**
     * Plain connection: socket to file through one reused direct buffer (no copy through the heap).
     * Non-blocking with a selector only so that the read timeout and a cancel still work: a
     * blocking channel read would ignore the socket's timeout.
     */
    private void receiveFromChannel(FileChannel file, long position, long done, long total, TransferListener listener)
            throws IOException {
        if (done >= total) {
            return;
        }
        ByteBuffer buffer = payloadBuffer();
        // Progress comes at least eight times per payload (and at least every MiB), as with the
        // stream path's 64 KiB steps on small payloads: a listener can still stop one midway.
        int step = (int) Math.max(CHUNK, Math.min(buffer.capacity(), total / 8));
        int timeoutMillis = socket.getSoTimeout();
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (done < total) {
                buffer.clear().limit((int) Math.min(step, total - done));
                if (!fill(buffer, selector, timeoutMillis)) {
                    throw new EOFException("connection closed after " + done + " of " + total + " payload bytes");
                }
                buffer.flip();
                int filled = buffer.remaining();
                while (buffer.hasRemaining()) {
                    file.write(buffer, position + done + buffer.position());
                }
                done += filled;
                listener.progress(done, total);
            }
        } finally {
            // Closing the selector deregistered the channel; replies are read in blocking mode again.
            if (channel.isOpen()) {
                channel.configureBlocking(true);
            }
        }
    }

    /**
     * Reads into {@code buffer} until it is full, so that each file write is as large as the
     * buffer: a write whenever the socket was momentarily empty made many small ones. It stops
     * early with what it holds once its first byte has waited {@link #HOLD_MILLIS} (a slow peer's
     * bytes still reach the file, and the progress, that often) or the stream has ended (the bytes
     * before the end are kept: a resume starts after them). False: ended with nothing read.
     */
    private boolean fill(ByteBuffer buffer, Selector selector, int timeoutMillis) throws IOException {
        long firstByteAt = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                return buffer.position() > 0;
            }
            if (read > 0) {
                firstByteAt = firstByteAt == 0 ? System.nanoTime() : firstByteAt;
            } else if (buffer.position() == 0) {
                awaitReadable(selector, timeoutMillis);
            } else {
                long heldMillis = (System.nanoTime() - firstByteAt) / 1_000_000L;
                if (heldMillis >= HOLD_MILLIS || selector.select(HOLD_MILLIS - heldMillis) == 0) {
                    return true;
                }
                selector.selectedKeys().clear();
            }
        }
        return true;
    }

    private void awaitReadable(Selector selector, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            if (!channel.isOpen()) {
                throw new SocketException("Socket closed");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for payload bytes");
            }
            long left = timeoutMillis == 0 ? CLOSE_CHECK_MILLIS : (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (selector.select(Math.min(left, CLOSE_CHECK_MILLIS)) > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    private ByteBuffer payloadBuffer() {
        if (payloadBuffer == null) {
            payloadBuffer = ByteBuffer.allocateDirect(PAYLOAD_CHUNK);
        }
        return payloadBuffer;
    }

    /**
     * TLS: the engine decrypts straight into the connection's direct buffer (every whole record
     * received, when the buffer has room for one), which then goes to the file: no copy through the
     * heap on the file's side. Each step fills the buffer first, so the file sees few, large writes.
     */
    private void receiveFromStream(FileChannel file, long position, long done, long total, TransferListener listener)
            throws IOException {
        // 256 KiB, not the plain path's 1 MiB: a TLS step has no time bound (fill), so over a slow
        // link it is what progress and a cut link's loss come in.
        int step = (int) Math.max(CHUNK, Math.min(TLS_STEP, total / 8)); // as receiveFromChannel: progress midway
        ByteBuffer buffer = payloadBuffer();
        while (done < total) {
            buffer.clear().limit((int) Math.min(step, total - done));
            while (buffer.hasRemaining()) {
                if (tls.read(buffer) < 0) {
                    throw new EOFException("connection closed after " + (done + buffer.position()) + " of " + total
                            + " payload bytes");
                }
            }
            buffer.flip();
            int filled = buffer.remaining();
            while (buffer.hasRemaining()) {
                file.write(buffer, position + done + buffer.position());
            }
            done += filled;
            listener.progress(done, total);
        }
    }

    /** Writes raw bytes to the socket, for framing tests. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply frame. */
    public ClientReply readReply() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        if (length <= 0 || length > MAX_REPLY_BYTES) {
            // E.g. an HTTP server's "HTTP" reads as 1.3 GB: refuse instead of allocating it.
            throw new IOException("bad reply length " + length + " (is this a VidShare server?)");
        }
        byte[] json = new byte[length];
        in.readFully(json);
        ClientReply reply = new ClientReply(Json.parseObject(json, 0, length));
        if (reply.ok() && reply.has("session") && reply.get("session").isTextual()) {
            session = reply.string("session");
        }
        return reply;
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    public boolean isClosedByPeer(int timeoutMillis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    public InputStream rawInput() {
        return in;
    }

    private Map<String, Object> withSession(Map<String, ?> request) {
        Map<String, Object> copy = new LinkedHashMap<>(request);
        if (session != null && !copy.containsKey("session")) {
            copy.put("session", session);
        }
        return copy;
    }

    private void send(Map<String, ?> request) throws IOException {
        ObjectNode node = Json.toNode(request);
        out.write(Frames.frame(Json.toBytes(node)));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (tls != null) {
            tls.close();
        } else {
            socket.close();
        }
    }

    /** The little-endian length prefix for a given value, for framing tests. */
    public static byte[] lengthPrefix(int length) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array();
    }
}
