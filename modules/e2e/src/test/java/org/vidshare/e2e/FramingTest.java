package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.ping;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Json;

/**
 * Framing (docs/protocol.md, Framing and Error codes): a length out of range is {@code bad_frame} and closes; a
 * frame whose JSON is unusable is {@code bad_request} and keeps the connection; frames are found
 * however TCP splits or joins them.
 */
@ServerSettings({"protocol.max-header-bytes=" + FramingTest.MAX_HEADER})
class FramingTest extends OneServerPerClass {
    static final int MAX_HEADER = 16 * 1024;

    private static byte[] frame(String json) {
        return frame(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(byte[] json) {
        return concat(VidShareClient.lengthPrefix(json.length), json);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void assertBadFrameAndClosed(VidShareClient client) throws Exception {
        ClientReply reply = client.readReply();
        assertCode(reply, "bad_frame");
        assertThat(client.isClosedByPeer(5_000)).as("connection closed after bad_frame").isTrue();
    }

    @Test
    void lengthZeroIsBadFrameAndCloses() throws Exception {
        try (VidShareClient client = server.client()) {
            client.sendRaw(concat(VidShareClient.lengthPrefix(0), frame("{\"type\":\"ping\"}")));
            assertBadFrameAndClosed(client);
        }
    }

    @Test
    void negativeLengthsAreBadFrameAndClose() throws Exception {
        for (int length : new int[] {-1, Integer.MIN_VALUE, -MAX_HEADER}) {
            try (VidShareClient client = server.client()) {
                client.sendRaw(VidShareClient.lengthPrefix(length));
                assertBadFrameAndClosed(client);
            }
        }
    }

    @Test
    void aLengthOverTheMaximumIsBadFrameAtOnceWithoutWaitingForTheBody() throws Exception {
        for (int length : new int[] {MAX_HEADER + 1, 1 << 20, Integer.MAX_VALUE}) {
            try (VidShareClient client = server.client()) {
                client.sendRaw(VidShareClient.lengthPrefix(length));
                assertBadFrameAndClosed(client);
            }
        }
        // Also when the body is there in full.
        try (VidShareClient client = server.client()) {
            client.sendRaw(frame(padded("{\"type\":\"ping\"}", MAX_HEADER + 1)));
            assertBadFrameAndClosed(client);
        }
    }

    @Test
    void aFrameOfExactlyTheMaximumIsServed() throws Exception {
        try (VidShareClient client = server.client()) {
            client.sendRaw(frame(padded("{\"type\":\"ping\"}", MAX_HEADER)));
            assertCode(client.readReply(), "ok");
        }
    }

    @Test
    void aLengthPrefixIsLittleEndian() throws Exception {
        try (VidShareClient client = server.client()) {
            byte[] json = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
            // The same length big-endian reads as a huge little-endian number: refused.
            client.sendRaw(concat(ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(json.length).array(), json));
            assertBadFrameAndClosed(client);
        }
    }

    @Test
    void unusableJsonIsBadRequestAndTheConnectionKeepsWorking() throws Exception {
        String[] bodies = {
            "{\"type\":", "not json at all", "[1,2,3]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "   ",
            "{}", "{\"type\":null}", "{\"type\":5}", "{\"type\":[\"ping\"]}", "{\"type\":{\"name\":\"ping\"}}",
            "{\"kind\":\"ping\"}", "{\"type\":\"ping\"} trailing", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
            // Unpaired surrogates (legal escapes, but no Unicode text): in a value, a key, a list.
            "{\"type\":\"ping\",\"x\":\"a\\ud800b\"}", "{\"type\":\"ping\",\"\\udc00\":1}",
            "{\"type\":\"ping\",\"x\":[\"ok\",{\"y\":\"\\udbff\"}]}", "{\"type\":\"pi\\ud800ng\"}",
        };
        try (VidShareClient client = server.client()) {
            for (String body : bodies) {
                client.sendRaw(frame(body));
                ClientReply reply = client.readReply();
                assertThat(reply.code()).as("reply to %s", body).isEqualTo("bad_request");
                assertThat(reply.ok()).isFalse();
                assertCode(ping(client), "ok");
            }
            // A correctly paired surrogate escape is fine: it is one emoji.
            client.sendRaw(frame("{\"type\":\"ping\",\"x\":\"\\ud83c\\udfac\"}"));
            assertCode(client.readReply(), "ok");
            // Bytes that are not UTF-8 inside a string.
            byte[] broken = concat("{\"type\":\"pi".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, 0x28},
                    "ng\"}".getBytes(StandardCharsets.US_ASCII));
            client.sendRaw(frame(broken));
            assertCode(client.readReply(), "bad_request");
            assertCode(ping(client), "ok");
        }
    }

    @Test
    void deeplyNestedJsonIsBadRequestNotACrash() throws Exception {
        try (VidShareClient client = server.client()) {
            int depth = 5_000;
            client.sendRaw(frame("{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
            assertCode(client.readReply(), "bad_request");
            assertCode(ping(client), "ok");
        }
    }

    @Test
    void aReplyIsALittleEndianLengthAndExactlyThatManyBytesOfJson() throws Exception {
        try (VidShareClient client = server.raw()) {
            // Chinese text: the length counts UTF-8 bytes, not characters.
            client.sendRaw(frame("{\"type\":\"hello\",\"protocol\":1,\"lang\":\"zh-CN\"}"));
            client.sendRaw(frame("{\"type\":\"no_such_type\"}"));
            DataInputStream in = new DataInputStream(client.rawInput());
            for (String expectedCode : new String[] {"ok", "unknown_type"}) {
                byte[] prefix = new byte[4];
                in.readFully(prefix);
                int length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
                assertThat(length).isPositive();
                byte[] body = new byte[length];
                in.readFully(body);
                var json = Json.parseObject(body, 0, length);
                assertThat(json.get("code").asText()).isEqualTo(expectedCode);
                assertThat(json.get("flag").isBoolean()).isTrue();
                assertThat(json.get("msg").isTextual()).isTrue();
                if (expectedCode.equals("ok")) {
                    assertThat(json.get("msg").asText()).isEqualTo("你好");
                }
            }
            // Nothing trails the second reply: the next bytes are the next reply's prefix.
            assertCode(ping(client), "ok");
        }
    }

    @Test
    void aRequestSentByteByByteIsServed() throws Exception {
        try (VidShareClient client = server.raw()) {
            byte[] hello = frame("{\"type\":\"hello\",\"protocol\":1,\"lang\":\"en\",\"client\":\"逐字节\"}");
            for (byte b : hello) {
                client.sendRaw(new byte[] {b});
                Thread.sleep(1);
            }
            ClientReply reply = client.readReply();
            assertCode(reply, "ok");
            assertThat(reply.number("protocol")).isEqualTo(1);
            byte[] register = frame("{\"type\":\"register\",\"name\":\"bytewise\",\"password\":\""
                    + Wire.md5("pw") + "\",\"user_type\":\"user\"}");
            for (byte b : register) {
                client.sendRaw(new byte[] {b});
            }
            assertCode(client.readReply(), "ok");
            assertCode(Wire.login(client, "bytewise", "pw"), "ok");
        }
    }

    @Test
    void aLengthPrefixSplitAcrossWritesIsReassembled() throws Exception {
        try (VidShareClient client = server.client()) {
            byte[] ping = frame("{\"type\":\"ping\"}");
            client.sendRaw(new byte[] {ping[0], ping[1]});
            Thread.sleep(50);
            client.sendRaw(new byte[] {ping[2]});
            Thread.sleep(50);
            client.sendRaw(java.util.Arrays.copyOfRange(ping, 3, 10));
            Thread.sleep(50);
            client.sendRaw(java.util.Arrays.copyOfRange(ping, 10, ping.length));
            assertCode(client.readReply(), "ok");
        }
    }

    @Test
    void twoFramesInOneWriteGetTwoRepliesInOrder() throws Exception {
        try (VidShareClient client = server.client()) {
            client.sendRaw(concat(frame("{\"type\":\"ping\"}"), frame("{\"type\":\"whoami\"}")));
            assertCode(client.readReply(), "ok");
            assertCode(client.readReply(), "not_logged_in");

            client.sendRaw(concat(frame("{\"type\":\"ping\"}"), frame("[broken"), frame("{\"type\":\"nope\"}"),
                    frame("{\"type\":\"ping\"}")));
            assertCode(client.readReply(), "ok");
            assertCode(client.readReply(), "bad_request");
            assertCode(client.readReply(), "unknown_type");
            assertCode(client.readReply(), "ok");
        }
    }

    @Test
    void aGoodFrameFollowedByABadLengthIsAnsweredThenClosed() throws Exception {
        try (VidShareClient client = server.client()) {
            client.sendRaw(concat(frame("{\"type\":\"ping\"}"), VidShareClient.lengthPrefix(-5)));
            assertCode(client.readReply(), "ok");
            assertBadFrameAndClosed(client);
        }
    }

    @Test
    void aFrameAndHalfOfTheNextAreServedAsTheRestArrives() throws Exception {
        try (VidShareClient client = server.client()) {
            byte[] second = frame("{\"type\":\"whoami\"}");
            client.sendRaw(concat(frame("{\"type\":\"ping\"}"), java.util.Arrays.copyOf(second, 7)));
            assertCode(client.readReply(), "ok");
            Thread.sleep(50);
            client.sendRaw(java.util.Arrays.copyOfRange(second, 7, second.length));
            assertCode(client.readReply(), "not_logged_in");
        }
    }

    /** The JSON padded with trailing spaces (still one object) to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        java.util.Arrays.fill(out, (byte) ' ');
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }
}
