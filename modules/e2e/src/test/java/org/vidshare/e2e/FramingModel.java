package org.vidshare.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vidshare.core.protocol.Json;

/**
 * What the server must do with a byte string, by docs/protocol.md (Framing) alone: which frames it answers
 * (one reply each), whether it then closes, or whether it keeps waiting for more bytes. The fuzzer
 * holds the server to this prediction, so a reply too many, one missing, or a close out of turn is
 * a failure, not just an {@code internal} code.
 */
final class FramingModel {
    /** How the connection stands after the bytes. */
    enum End {
        /** Every byte was consumed; the connection is ready for the next request. */
        OPEN,
        /** The bytes end inside a frame or an upload payload: the server waits for more. */
        WAITING,
        /** The server answers the last frame and closes (bad_frame, or an upload header it must refuse). */
        CLOSED
    }

    /** One frame the server answers: its JSON when it parsed (else null), and whether the answer closes. */
    record Answered(ObjectNode json, boolean closes) {
        String type() {
            return json == null ? null : json.get("type").asText();
        }
    }

    record Prediction(List<Answered> answered, End end) {
    }

    /**
     * The requests that carry a payload: upload_movie's spec, and its classic name (read to its
     * end in either dialect, so that framing does not hinge on a hello).
     */
    private static final Set<String> UPLOADS = Set.of("upload_movie", "upload");

    private FramingModel() {
    }

    static Prediction predict(byte[] bytes, int maxHeaderBytes, long maxUploadBytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Answered> answered = new ArrayList<>();
        while (true) {
            if (buf.remaining() == 0) {
                return new Prediction(answered, End.OPEN);
            }
            if (buf.remaining() < Integer.BYTES) {
                return new Prediction(answered, End.WAITING);
            }
            int length = buf.getInt(buf.position());
            if (length <= 0 || length > maxHeaderBytes) {
                answered.add(new Answered(null, true));
                return new Prediction(answered, End.CLOSED);
            }
            if (buf.remaining() < Integer.BYTES + length) {
                return new Prediction(answered, End.WAITING);
            }
            int start = buf.position() + Integer.BYTES;
            buf.position(start + length);
            ObjectNode json = parse(bytes, start, length);
            if (json == null) {
                answered.add(new Answered(null, false));
                continue;
            }
            if (!UPLOADS.contains(json.get("type").asText())) {
                answered.add(new Answered(json, false));
                continue;
            }
            long payload = payloadOf(json, maxUploadBytes);
            if (payload < 0) {
                answered.add(new Answered(json, true));
                return new Prediction(answered, End.CLOSED);
            }
            if (buf.remaining() < payload) {
                // The reply comes after the last payload byte, which never arrives.
                return new Prediction(answered, End.WAITING);
            }
            buf.position(buf.position() + (int) payload);
            answered.add(new Answered(json, false));
        }
    }

    /** A request the server dispatches: a JSON object, valid Unicode, with a string type; anything else is null. */
    private static ObjectNode parse(byte[] bytes, int start, int length) {
        try {
            ObjectNode json = Json.parseObject(bytes, start, length);
            if (Json.hasUnpairedSurrogate(json)) {
                return null;
            }
            JsonNode type = json.get("type");
            return type != null && type.isTextual() ? json : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The payload an upload header announces, or -1 when the header must be refused with a close. */
    static long payloadOf(ObjectNode json, long maxUploadBytes) {
        JsonNode size = json.get("file_size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0
                || size.asLong() > maxUploadBytes) {
            return -1;
        }
        JsonNode offset = json.get("offset");
        if (offset == null || offset.isNull()) {
            return size.asLong();
        }
        if (!offset.isIntegralNumber() || !offset.canConvertToLong() || offset.asLong() < 0
                || offset.asLong() > size.asLong()) {
            return -1;
        }
        return size.asLong() - offset.asLong();
    }
}
