package org.vidshare.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The one Jackson mapper of the protocol: thread-safe once configured. */
public final class Json {
    // Trailing bytes after the object ({"type":"ping"}xx) are not JSON: refuse them rather than
    // silently serving the first value.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON object; anything else (array, scalar, broken text) is an IOException. */
    public static ObjectNode parseObject(byte[] bytes, int offset, int length) throws IOException {
        JsonNode node = MAPPER.readTree(bytes, offset, length);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    public static ObjectNode toNode(Map<String, ?> map) {
        return MAPPER.valueToTree(map);
    }
}
