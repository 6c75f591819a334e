package org.vidshare.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * A few requests to a running server over a plain socket, for the operator's subcommands (status,
 * backup). The server module does not depend on the client library, so this is the protocol's
 * framing alone: one request, its reply, in order; no payloads.
 */
final class WireProbe implements AutoCloseable {
    /** Replies here are small; anything longer is not a VidShare server talking. */
    private static final int MAX_REPLY_BYTES = 1 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private String session;

    private WireProbe(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static WireProbe connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return new WireProbe(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How long a reply may take from now on (a backup's reply comes when the backup is done). */
    void replyTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** hello in English with this build's protocol version. */
    ObjectNode hello() throws IOException {
        return call(Map.of("type", "hello", "protocol", Frames.PROTOCOL_VERSION, "lang", "en"));
    }

    /** Sends one request (with the session, once a login gave one) and reads its reply. */
    ObjectNode call(Map<String, ?> request) throws IOException {
        Map<String, Object> wire = new LinkedHashMap<>(request);
        if (session != null) {
            wire.putIfAbsent("session", session);
        }
        out.write(Frames.frame(Json.toBytes(wire)));
        out.flush();
        byte[] header = new byte[Frames.HEADER_BYTES];
        in.readFully(header);
        int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 2 || length > MAX_REPLY_BYTES) {
            throw new IOException("not a VidShare reply (frame length " + length + ")");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        ObjectNode reply = Json.parseObject(body, 0, length);
        if (reply.path("session").isTextual()) {
            session = reply.get("session").asText();
        }
        return reply;
    }

    static boolean ok(ObjectNode reply) {
        return "ok".equals(reply.path("code").asText());
    }

    /** "code: message" of a reply, for a one-line reason. */
    static String describe(ObjectNode reply) {
        return reply.path("code").asText("?") + ": " + reply.path("msg").asText("");
    }

    /** The reason an exchange failed, in one line. */
    static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "the connection closed before a reply";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
