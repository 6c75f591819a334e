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

    /**
     * Whether any key or string in the tree holds an unpaired UTF-16 surrogate (JSON's "\\ud800"
     * escape allows one): such text has no UTF-8 form, so storing or echoing it would corrupt replies.
     */
    public static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return unpaired(node.textValue());
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (unpaired(field.getKey()) || hasUnpairedSurrogate(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasUnpairedSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static ObjectNode toNode(Map<String, ?> map) {
        return MAPPER.valueToTree(map);
    }
}
