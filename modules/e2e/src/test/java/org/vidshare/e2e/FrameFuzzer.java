package org.vidshare.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Json;

/**
 * Makes the bytes of one fuzz case from a seeded {@link Random}: real requests of every command (v1
 * and classic names) with their values replaced by wrong types, huge numbers, deep nesting and odd
 * text, keys dropped or injected, stolen sessions; then, on the byte level, truncated or corrupted
 * JSON, wrong length prefixes, random bytes, several frames at once, and upload headers with their
 * payloads.
 */
final class FrameFuzzer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {"type", "session", "user_id", "user_type", "name", "password", "old_password",
            "new_password", "movie_id", "delete_movie_id", "offset", "limit", "file_size", "file_md5", "file_name",
            "is_free", "sha256", "title", "content", "notice_name", "notice_content", "amount_cents", "movie_type",
            "query", "protocol", "lang", "price_cents", "is_vip", "balance_cents", "wait_time"};
    private static final byte[] SPECIAL_BYTES = {'"', '{', '}', ',', ':', '\\', 0, (byte) 0xff, (byte) 0xc3};
    private static final String[] UNKNOWN_TYPES = {"", " ", "HELLO", "upload_movie ", "admin", "__proto__", "ping\u0000",
            "删除", "download_movie\n", "x".repeat(300)};

    /** What the fuzzer knows of the server it attacks: accounts, movies, and the harness's own sessions. */
    record World(String password, String victimName, long victimId, long userId, long freeMovieId, long paidMovieId,
                 long movieSize, String fingerprint, List<String> sessions) {
    }

    private final World world;
    private final Random random;

    FrameFuzzer(World world, Random random) {
        this.world = world;
        this.random = random;
    }

    /** The bytes of one case for a connection holding {@code session} (null: none). */
    byte[] nextCase(String session) {
        int kind = random.nextInt(100);
        if (kind < 6) {
            return randomBytes();
        }
        if (kind < 12) {
            return frame(session == null ? request(null) : request(session)).toByteArray(); // several at once
        }
        ObjectNode request = request(session);
        mutate(request);
        byte[] body = Json.toBytes(request);
        if (kind < 30) {
            body = corrupt(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (kind < 40) {
            writeWithWrongLength(out, body);
        } else {
            writeFrame(out, body);
        }
        if (isUpload(request)) {
            out.writeBytes(payloadFor(request));
        }
        if (kind >= 90) {
            // A second, well-formed request behind the first in the same write.
            writeFrame(out, Json.toBytes(request(session)));
        }
        return out.toByteArray();
    }

    private ByteArrayOutputStream frame(ObjectNode first) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeFrame(out, Json.toBytes(first));
        writeFrame(out, Json.toBytes(NODES.objectNode().put("type", "ping")));
        return out;
    }

    // --- requests

    /** A real request of a random command, as a correct client would send it. */
    ObjectNode request(String session) {
        ObjectNode r = NODES.objectNode();
        int command = random.nextInt(26);
        switch (command) {
            case 0 -> r.put("type", "hello").put("protocol", 1).put("client", "fuzz").put("lang", pick("en", "zh-CN", "xx"));
            case 1 -> r.put("type", "ping");
            case 2 -> r.put("type", "register").put("name", "fz-" + random.nextInt(1_000_000))
                    .put("password", world.password()).put("user_type", pick("user", "user", "admin"));
            case 3 -> r.put("type", "login").put("name", pick(world.victimName(), "nobody-" + random.nextInt(99)))
                    .put("password", world.password());
            case 4 -> r.put("type", "logout");
            case 5 -> r.put("type", "whoami");
            case 6 -> r.put("type", "change_password").put("old_password", world.password())
                    .put("new_password", world.password());
            case 7 -> r.put("type", "check_movie").put("file_md5", pick(world.fingerprint(), hex(32)))
                    .put("file_size", world.movieSize());
            case 8, 9 -> {
                long size = 1 + random.nextInt(random.nextBoolean() ? 64 : 4096);
                r.put("type", pick("upload_movie", "upload")).put("file_name", "fz.mp4").put("file_size", size)
                        .put("file_md5", hex(32)).put("is_free", random.nextInt(2)).put("offset", 0);
                if (random.nextBoolean()) {
                    r.put("sha256", hex(64));
                }
            }
            case 10 -> r.put("type", "get_movie_list").put("movie_type", pick("all", "free", "charge"))
                    .put("query", pick("", "mp4", "%", "_")).put("offset", random.nextInt(3)).put("limit", 1 + random.nextInt(5));
            case 11 -> r.put("type", "delete_movie").put(pick("delete_movie_id", "movie_id"), 1_000_000 + random.nextInt(1000));
            case 12 -> r.put("type", "release_notice").put("title", "fuzz notice").put("content", "from the fuzzer");
            case 13 -> r.put("type", "release_notice").put("notice_name", "classic notice").put("notice_content", "classic");
            case 14 -> r.put("type", "check_notice");
            case 15 -> r.put("type", pick("buy_vip", "buy_member"));
            case 16 -> r.put("type", "recharge").put("amount_cents", 1 + random.nextInt(500));
            case 17 -> r.put("type", "wallet");
            case 18, 19 -> r.put("type", "download_movie")
                    .put("movie_id", pick(world.freeMovieId(), world.paidMovieId()))
                    .put("offset", random.nextInt((int) world.movieSize() + 1)).put("movie_type", pick("free", "charge"));
            case 20 -> r.put("type", "check_download_record");
            case 21 -> r.put("type", "list_users");
            case 22 -> r.put("type", pick("lock_user", "unlock_user")).put("user_id", world.victimId());
            case 23 -> r.put("type", "reset_password").put("user_id", world.victimId()).put("new_password", world.password());
            case 24 -> r.put("type", "grant_credit").put("user_id", pick(world.victimId(), world.userId()))
                    .put("amount_cents", 1 + random.nextInt(100));
            default -> r.put("type", UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]);
        }
        if (session != null) {
            r.put("session", session);
        }
        return r;
    }

    /** One to three changes: a value of any type for any key, a key dropped, a key injected, a stolen session. */
    private void mutate(ObjectNode request) {
        int changes = random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            List<String> keys = new ArrayList<>();
            request.fieldNames().forEachRemaining(keys::add);
            switch (keys.isEmpty() ? 3 : random.nextInt(5)) {
                case 0, 1 -> {
                    String key = keys.get(random.nextInt(keys.size()));
                    // The type keeps its value more often than not, so the handlers behind it are reached.
                    if (!key.equals("type") || random.nextInt(4) == 0) {
                        request.set(key, value());
                    }
                }
                case 2 -> request.remove(keys.get(random.nextInt(keys.size())));
                case 3 -> request.set(KEYS[random.nextInt(KEYS.length)], value());
                default -> request.put("session", world.sessions().isEmpty() || random.nextInt(3) == 0
                        ? hex(32) : world.sessions().get(random.nextInt(world.sessions().size())));
            }
        }
    }

    /** A JSON value of any type, favouring the edges. */
    JsonNode value() {
        return switch (random.nextInt(22)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(pick(0L, 1L, -1L, 2L));
            case 3 -> NODES.numberNode(pick(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE,
                    (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE, -2L));
            case 4 -> NODES.numberNode(BigInteger.TWO.pow(64).add(BigInteger.valueOf(random.nextInt(3))));
            case 5 -> NODES.numberNode(new BigInteger(200, random).negate());
            case 6 -> NODES.numberNode(pick(0.5, -0.0, 1.0, 1e308, Double.MIN_VALUE));
            case 7 -> NODES.rawValueNode(new RawValue(pick("1e400", "-1e400", "1E-400", "0.000", "-0", "123456789012345678901234567890.5",
                    "\"lone \\ud800 surrogate\"", "\"\\udfff\"", "[\"\\ud83c\"]")));
            case 8 -> NODES.numberNode(new BigDecimal("1e" + random.nextInt(40)));
            case 9 -> NODES.textNode("");
            case 10 -> NODES.textNode(text(1 + random.nextInt(40)));
            case 11 -> NODES.textNode(text(random.nextInt(20_000)));
            case 12 -> NODES.textNode(hex(pick(32, 64, 31, 33)));
            case 13 -> NODES.textNode(pick("1", "0", "true", "null", "admin", "user", "..", "../../etc/passwd", "a/b", "a\\b"));
            case 14 -> NODES.textNode(pick(" \t ", "\u0000", "\u202e", "\ud83c\udfac", "名字", "%", "_"));
            case 15 -> NODES.arrayNode().add(1).add("x");
            case 16 -> NODES.arrayNode();
            case 17 -> NODES.objectNode().put("type", "ping");
            case 18 -> NODES.objectNode();
            case 19 -> nested(1 + random.nextInt(random.nextBoolean() ? 50 : 3000));
            case 20 -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = random.nextInt(2000); i > 0; i--) {
                    many.add(i);
                }
                yield many;
            }
            default -> NODES.numberNode(random.nextLong());
        };
    }

    private JsonNode nested(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return NODES.rawValueNode(new RawValue(open.repeat(depth) + "1" + close.repeat(depth)));
    }

    private String text(int length) {
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                s.append((char) (' ' + random.nextInt(95)));
            } else if (pick < 7) {
                s.append((char) random.nextInt(32));
            } else if (pick < 9) {
                s.append((char) (0x4e00 + random.nextInt(0x5000)));
            } else {
                s.appendCodePoint(0x1f300 + random.nextInt(0x200));
            }
        }
        return s.toString();
    }

    // --- bytes

    private byte[] corrupt(byte[] body) {
        byte[] bytes = body.clone();
        switch (random.nextInt(5)) {
            case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> bytes[random.nextInt(bytes.length)] = SPECIAL_BYTES[random.nextInt(SPECIAL_BYTES.length)];
            case 3 -> {
                // A duplicate key: the last value wins in Jackson; either way nothing may break.
                String text = new String(bytes, StandardCharsets.UTF_8);
                bytes = text.replaceFirst("\\{", "{\"type\":\"whoami\",").getBytes(StandardCharsets.UTF_8);
            }
            default -> bytes = ("[" + new String(bytes, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
        }
        return bytes.length == 0 ? new byte[] {'{'} : bytes;
    }

    private void writeWithWrongLength(ByteArrayOutputStream out, byte[] body) {
        int length = switch (random.nextInt(6)) {
            case 0 -> body.length - 1 - random.nextInt(Math.max(1, body.length - 1));
            case 1 -> body.length + 1 + random.nextInt(8);
            case 2 -> pick(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 20, (1 << 20) + 1);
            case 3 -> Integer.reverseBytes(body.length); // the big-endian mistake
            default -> random.nextInt();
        };
        out.writeBytes(VidShareClient.lengthPrefix(length));
        out.writeBytes(body);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(64)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            // A plausible length, so the noise gets past the prefix check.
            byte[] prefix = VidShareClient.lengthPrefix(1 + random.nextInt(bytes.length + 4));
            System.arraycopy(prefix, 0, bytes, 0, Math.min(4, bytes.length));
        }
        return bytes;
    }

    private static void writeFrame(ByteArrayOutputStream out, byte[] body) {
        out.writeBytes(VidShareClient.lengthPrefix(body.length));
        out.writeBytes(body);
    }

    private static boolean isUpload(ObjectNode request) {
        JsonNode type = request.get("type");
        return type != null && type.isTextual() && (type.asText().equals("upload_movie") || type.asText().equals("upload"));
    }

    /** The payload an upload header announces when it is small enough to send; random bytes, maybe short. */
    private byte[] payloadFor(ObjectNode request) {
        long announced = FramingModel.payloadOf(request, 1 << 20);
        if (announced <= 0) {
            return new byte[0];
        }
        byte[] payload = new byte[(int) (random.nextInt(10) == 0 ? random.nextInt((int) announced) : announced)];
        random.nextBytes(payload);
        return payload;
    }

    private String hex(int chars) {
        byte[] bytes = new byte[(chars + 1) / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, chars);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
