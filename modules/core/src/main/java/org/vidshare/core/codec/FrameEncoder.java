package org.vidshare.core.codec;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * Encodes a reply (any Jackson-serialisable object) as length prefix and JSON in one buffer, so
 * that both always leave in one write. File regions bypass the codec and go out zero-copy.
 */
public final class FrameEncoder extends ProtocolEncoderAdapter {
    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        out.write(IoBuffer.wrap(Frames.frame(Json.toBytes(message))));
    }
}
