package org.vidshare.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * One connection's request sent again and again, for a load whose every reply is the same (a ping,
 * a page of a catalog nobody changes during the run). The first reply is parsed and checked as the
 * client library checks any reply; every later one must be that reply byte for byte, and is
 * compared instead of parsed. Parsing each 20-movie page with Jackson cost the driver more CPU per
 * request than the server spent answering it (docs/benchmarks.md), so on a machine the driver
 * shares with the server the ratio measured the driver. A reply that differs fails the run.
 */
final class RepeatedExchange {
    private final VidShareClient client;
    private final DataInputStream in;
    private final byte[] request;
    private byte[] expected;
    private byte[] reply = new byte[0];

    RepeatedExchange(VidShareClient client, Map<String, Object> request) {
        this.client = client;
        this.in = new DataInputStream(client.rawInput());
        this.request = Frames.frame(Json.toBytes(request));
    }

    /** Sends the request and reads its reply; throws when the reply is not the expected one. */
    void once() throws IOException {
        client.sendRaw(request);
        int length = Integer.reverseBytes(in.readInt());
        if (length <= 0 || length > VidShareClient.MAX_REPLY_BYTES) {
            throw new IOException("bad reply length " + length);
        }
        if (reply.length < length) {
            reply = new byte[length];
        }
        in.readFully(reply, 0, length);
        if (expected == null) {
            ClientReply first = new ClientReply(Json.parseObject(reply, 0, length));
            if (!first.ok()) {
                throw new IllegalStateException("refused: " + first);
            }
            expected = Arrays.copyOf(reply, length);
        } else if (!Arrays.equals(reply, 0, length, expected, 0, expected.length)) {
            throw new IllegalStateException("a reply differs from the first one to the same request: "
                    + new ClientReply(Json.parseObject(reply, 0, length)));
        }
    }
}
