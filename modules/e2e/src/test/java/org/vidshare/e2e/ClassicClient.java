package org.vidshare.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.protocol.Json;

/**
 * Speaks exactly as the 2018 course client does: {@code json.dumps(dic)} (ASCII-escaped, ", " and
 * ": " separators), {@code conn.send(struct.pack('i', len))} then {@code conn.send(json_bytes)} as two
 * writes, a file sent line by line right after the JSON, and the payload read right after the reply.
 * Never says hello. Keeps the {@code session} of a login as the original's {@code cookie} dict does.
 */
final class ClassicClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private String session;

    ClassicClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A dict in insertion order, as the original client builds it: {@code dic("type", "login", ...)}. */
    static Map<String, Object> dic(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    String session() {
        return session;
    }

    /** Sends a dict (adding the session after login, as the original client does) and reads the reply. */
    JsonNode send(Map<String, Object> dic) throws IOException {
        write(withSession(dic));
        return read();
    }

    /** The original upload: the dict, then the file's lines, then the reply. */
    JsonNode sendWithFile(Map<String, Object> dic, Path file) throws IOException {
        write(withSession(dic));
        byte[] content = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n' || i == content.length - 1) {
                out.write(content, start, i + 1 - start);
                start = i + 1;
            }
        }
        out.flush();
        return read();
    }

    /** Reads exactly {@code size} payload bytes, as the original's download loop does. */
    byte[] readPayload(long size) throws IOException {
        byte[] data = new byte[Math.toIntExact(size)];
        in.readFully(data);
        return data;
    }

    InputStream input() {
        return in;
    }

    private Map<String, Object> withSession(Map<String, Object> dic) {
        Map<String, Object> copy = new LinkedHashMap<>(dic);
        if (session != null && !copy.containsKey("session")) {
            copy.put("session", session);
        }
        return copy;
    }

    private void write(Map<String, Object> dic) throws IOException {
        byte[] json = pythonJsonDumps(dic).getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).array());
        out.flush();
        out.write(json);
        out.flush();
    }

    private JsonNode read() throws IOException {
        int length = Integer.reverseBytes(in.readInt());
        byte[] json = new byte[length];
        in.readFully(json);
        JsonNode reply = Json.mapper().readTree(json);
        if (reply.path("flag").asBoolean() && reply.has("session")) {
            session = reply.get("session").asText();
        }
        return reply;
    }

    /** Python's {@code json.dumps} for the flat dicts the original client sends. */
    static String pythonJsonDumps(Map<String, Object> dic) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> entry : dic.entrySet()) {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(pythonString(entry.getKey())).append(": ");
            Object value = entry.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                json.append(value instanceof Boolean b ? (b ? "true" : "false") : value.toString());
            } else {
                json.append(pythonString(value.toString()));
            }
        }
        return json.append('}').toString();
    }

    private static String pythonString(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
