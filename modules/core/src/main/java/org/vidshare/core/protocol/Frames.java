package org.vidshare.core.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Frame layout of docs/protocol.md (Framing): int32 little-endian length, then that many bytes of JSON. */
public final class Frames {
    public static final int HEADER_BYTES = Integer.BYTES;
    public static final int DEFAULT_MAX_HEADER_BYTES = 1 << 20;
    public static final int PROTOCOL_VERSION = 1;

    private Frames() {
    }

    /** Length prefix and JSON in one array, so that a frame always goes out in one write. */
    public static byte[] frame(byte[] json) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + json.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(json.length).put(json);
        return buffer.array();
    }
}
