package org.vidshare.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A reply as the client reads it: flag, code, msg and the command's own keys. */
public record ClientReply(ObjectNode json) {
    public boolean ok() {
        return json.path("flag").asBoolean(false);
    }

    public String code() {
        return json.path("code").asText("");
    }

    public String msg() {
        return json.path("msg").asText("");
    }

    public JsonNode get(String key) {
        return json.path(key);
    }

    public boolean has(String key) {
        return json.has(key);
    }

    public String string(String key) {
        return json.path(key).asText(null);
    }

    public long number(String key) {
        JsonNode node = json.get(key);
        if (node == null || !node.isNumber()) {
            throw new IllegalStateException("reply has no number '" + key + "': " + json);
        }
        return node.asLong();
    }

    /** The objects of a list key, e.g. {@code movie_list}. */
    public List<JsonNode> list(String key) {
        List<JsonNode> items = new ArrayList<>();
        json.path(key).forEach(items::add);
        return items;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
