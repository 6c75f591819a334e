package org.vidshare.core.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** Far above any real reply (a list of every movie), far below what a stray length would ask. */
    public static final int MAX_REPLY_BYTES = 64 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private String session;

    private VidShareClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), CHUNK));
        this.out = socket.getOutputStream();
    }

    public static VidShareClient connect(String host, int port) throws IOException {
        return connect(host, port, 10_000);
    }

    public static VidShareClient connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            return new VidShareClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects over TLS (1.2 or 1.3) and completes the handshake, so that a server the trust
     * manager rejects fails here and not at the first request.
     */
    public static VidShareClient connectTls(String host, int port, javax.net.ssl.SSLContext tls, int timeoutMillis)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setTcpNoDelay(true);
            javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket(plain, host, port, true);
            socket.setEnabledProtocols(ClientTls.PROTOCOLS);
            socket.setSoTimeout(timeoutMillis);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return new VidShareClient(socket);
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
        return socket instanceof javax.net.ssl.SSLSocket;
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // Whole chunks straight from the array: Channels.newChannel(out) would cut them into 8 KiB writes.
            byte[] chunk = new byte[CHUNK];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            long done = 0;
            while (done < total) {
                buffer.clear();
                buffer.limit((int) Math.min(CHUNK, total - done));
                int read = channel.read(buffer, offset + done);
                if (read < 0) {
                    throw new EOFException("file shorter than file_size");
                }
                out.write(chunk, 0, read);
                done += read;
                listener.progress(done, total);
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
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            receivePayload(channel, offset, total, listener);
        }
        return reply;
    }

    /** Reads {@code total} payload bytes into {@code channel} at {@code position}. */
    public void receivePayload(FileChannel channel, long position, long total, TransferListener listener)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer wrapped = ByteBuffer.wrap(chunk);
        long done = 0;
        while (done < total) {
            int read = in.read(chunk, 0, (int) Math.min(CHUNK, total - done));
            if (read < 0) {
                throw new EOFException("connection closed after " + done + " of " + total + " payload bytes");
            }
            wrapped.clear().limit(read);
            while (wrapped.hasRemaining()) {
                channel.write(wrapped, position + done + wrapped.position());
            }
            done += read;
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
        socket.close();
    }

    /** The little-endian length prefix for a given value, for framing tests. */
    public static byte[] lengthPrefix(int length) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array();
    }
}
