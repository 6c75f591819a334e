package org.vidshare.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object whose fields were encoded to UTF-8 once, for a reply that repeats the same rows
 * request after request (a movie list page): Jackson copies the bytes instead of writing each field
 * name and value again (a page of 20 rows then cost about a third less server CPU per request).
 * Per-request number fields (a caller's price) go after them ({@link #plus}). Written as a map of
 * the same fields wherever raw bytes cannot go (a token buffer: {@code valueToTree}, which a dialect
 * reshapes).
 */
public final class EncodedObject implements JsonSerializable {
    private static final Names NO_NAMES = names();
    /** Room for any long's digits and sign. */
    private static final ThreadLocal<char[]> DIGITS = ThreadLocal.withInitial(() -> new char[20]);

    private final Map<String, Object> fields;
    /** The fields as {@code "name":value,...}, without braces; empty for no fields. */
    private final SerializedString encoded;

    private EncodedObject(Map<String, Object> fields, SerializedString encoded) {
        this.fields = fields;
        this.encoded = encoded;
    }

    /** Encodes the fields now, in their iteration order. */
    public static EncodedObject of(Map<String, ?> fields) {
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        String json = new String(Json.toBytes(copy), StandardCharsets.UTF_8);
        return new EncodedObject(copy, new SerializedString(json.substring(1, json.length() - 1)));
    }

    /**
     * Names of per-request number fields, checked once (they are written as they are): letters,
     * digits and underscores only.
     */
    public static Names names(String... names) {
        for (String name : names) {
            if (name.isEmpty() || !name.chars().allMatch(c -> c == '_' || c < 128 && Character.isLetterOrDigit(c))) {
                throw new IllegalArgumentException("not a plain field name: " + name);
            }
        }
        return new Names(List.of(names), Arrays.stream(names).map(n -> new SerializedString("\"" + n + "\":"))
                .toList(), Arrays.stream(names).map(n -> new SerializedString(",\"" + n + "\":")).toList());
    }

    /** This object with more number fields after its own, {@code names[i]} = {@code values[i]} (names not among its own). */
    public JsonSerializable plus(Names names, long... values) {
        if (names.list().size() != values.length) {
            throw new IllegalArgumentException(names.list().size() + " names for " + values.length + " values");
        }
        return new WithNumbers(this, names, values);
    }

    /** See {@link #names}; with each name's {@code "name":} and {@code ,"name":} encoded. */
    public static final class Names {
        private final List<String> list;
        private final List<SerializedString> first;
        private final List<SerializedString> next;

        private Names(List<String> list, List<SerializedString> first, List<SerializedString> next) {
            this.list = list;
            this.first = first;
            this.next = next;
        }

        List<String> list() {
            return list;
        }
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        write(gen, serializers, NO_NAMES, new long[0]);
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }

    private void write(JsonGenerator gen, SerializerProvider serializers, Names names, long[] values)
            throws IOException {
        if (gen instanceof TokenBuffer) {
            gen.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                serializers.defaultSerializeField(field.getKey(), field.getValue(), gen);
            }
            for (int i = 0; i < values.length; i++) {
                gen.writeNumberField(names.list.get(i), values[i]);
            }
            gen.writeEndObject();
            return;
        }
        // writeRawValue places the separator a value needs in its array or object; the rest is raw.
        gen.writeRawValue("{");
        gen.writeRaw(encoded);
        char[] digits = DIGITS.get();
        for (int i = 0; i < values.length; i++) {
            gen.writeRaw(i == 0 && fields.isEmpty() ? names.first.get(i) : names.next.get(i));
            // Digits into this thread's array, not a String per number: a page wrote 40 of them.
            gen.writeRaw(digits, 0, NumberOutput.outputLong(values[i], digits, 0));
        }
        gen.writeRaw('}');
    }

    /** One request's view of an encoded object: its fields and a few numbers of that request. */
    private record WithNumbers(EncodedObject object, Names names, long[] values) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            object.write(gen, serializers, names, values);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }
    }
}
