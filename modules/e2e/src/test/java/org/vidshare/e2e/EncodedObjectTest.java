package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.EncodedObject;
import org.vidshare.core.protocol.Json;

/**
 * {@link EncodedObject}, the pre-encoded rows of a list reply: the bytes it copies are the JSON the
 * fields would make one by one, with the per-request numbers after them, in an array of several (the
 * separators Jackson places) and to a token buffer (valueToTree, what a dialect reshapes).
 */
class EncodedObjectTest {
    private static Map<String, Object> row(long id, String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("name", name);
        fields.put("duration_s", null);
        fields.put("width", 1920);
        fields.put("ratio", 1.5);
        return fields;
    }

    private static Map<String, Object> withNumbers(Map<String, Object> fields, long price, long owned) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("price_cents", price);
        all.put("is_owned", owned);
        return all;
    }

    @Test
    void theCopiedBytesAreTheJsonOfTheFieldsWithTheNumbersAfterThem() throws Exception {
        // Quotes, backslashes, control characters, CJK and an emoji: what escaping must get right.
        Map<String, Object> first = row(1, "a \"quoted\" \\ name\n\t电影 \uD83C\uDFAC");
        Map<String, Object> second = row(2, "</script>");
        EncodedObject.Names names = EncodedObject.names("price_cents", "is_owned");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("flag", true);
        // The extremes of a long: every digit and the sign written from the thread's digit array.
        reply.put("movie_list", List.of(EncodedObject.of(first).plus(names, 500, 0),
                EncodedObject.of(second).plus(names, Long.MIN_VALUE, Long.MAX_VALUE), EncodedObject.of(Map.of())));
        reply.put("total", 3);
        byte[] encoded = Json.toBytes(reply);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("flag", true);
        expected.put("movie_list", List.of(withNumbers(first, 500, 0), withNumbers(second, Long.MIN_VALUE, Long.MAX_VALUE),
                Map.of()));
        expected.put("total", 3);
        byte[] plain = Json.toBytes(expected);
        assertThat(Json.parseObject(encoded, 0, encoded.length)).isEqualTo(Json.parseObject(plain, 0, plain.length));
        // Same bytes as Jackson's own, field for field and in order (not only an equal tree).
        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo(new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void aTreeOfItHasTheSameFields() {
        Map<String, Object> fields = row(7, "x");
        JsonNode tree = Json.mapper().valueToTree(Map.of("list", List.of(EncodedObject.of(fields).plus(
                EncodedObject.names("price_cents"), 1000))));
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("price_cents", 1000L);
        assertThat(tree.get("list").get(0)).isEqualTo(Json.mapper().valueToTree(all));
        assertThat(tree.get("list").get(0).get("name").asText()).isEqualTo("x");
    }

    @Test
    void onlyPlainNamesMayBeAdded() {
        assertThatThrownBy(() -> EncodedObject.names("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncodedObject.names("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncodedObject.names("")).isInstanceOf(IllegalArgumentException.class);
        EncodedObject object = EncodedObject.of(row(1, "x"));
        assertThatThrownBy(() -> object.plus(EncodedObject.names("x", "y"), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
