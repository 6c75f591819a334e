package org.vidshare.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Json;

/**
 * A decoded request: typed, validating accessors over the JSON object. Every accessor that fails
 * throws {@code bad_request} naming the key, so handlers never see malformed input.
 */
public final class Request {
    private final ObjectNode json;

    private Request(ObjectNode json) {
        this.json = json;
    }

    public static Request of(ObjectNode json) {
        return new Request(json.deepCopy());
    }

    public String type() {
        return json.path("type").asText();
    }

    public boolean has(String key) {
        JsonNode node = json.get(key);
        return node != null && !node.isNull();
    }

    public String requireString(String key) throws CommandException {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw missing(key);
        }
        if (!node.isTextual()) {
            throw invalid(key, "必须是字符串", "must be a string");
        }
        return node.asText();
    }

    public Optional<String> optString(String key) throws CommandException {
        return has(key) ? Optional.of(requireString(key)) : Optional.empty();
    }

    public long requireLong(String key) throws CommandException {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw missing(key);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(key, "必须是整数", "must be an integer");
        }
        return node.asLong();
    }

    public long optLong(String key, long fallback) throws CommandException {
        return has(key) ? requireLong(key) : fallback;
    }

    /** An {@code is_*} flag: the integers 0 and 1 (booleans are tolerated). */
    public boolean requireFlag(String key) throws CommandException {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw missing(key);
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        // canConvertToLong first: asLong() of 2^64 + 1 wraps to 1.
        if (node.isIntegralNumber() && node.canConvertToLong() && (node.asLong() == 0 || node.asLong() == 1)) {
            return node.asLong() == 1;
        }
        throw invalid(key, "必须是 0 或 1", "must be 0 or 1");
    }

    public static CommandException missing(String key) {
        return new CommandException(ErrorCode.BAD_REQUEST, "缺少字段 " + key, "missing field " + key);
    }

    public static CommandException invalid(String key, String zhWhy, String enWhy) {
        return new CommandException(ErrorCode.BAD_REQUEST, "字段 " + key + " " + zhWhy, "field " + key + " " + enWhy);
    }

    @Override
    public String toString() {
        return "Request[" + type() + "]";
    }

    /** Builds a request from a plain map, for tests and adapters. */
    public static Request fromMap(Map<String, ?> map) {
        return new Request(Json.toNode(map));
    }
}
