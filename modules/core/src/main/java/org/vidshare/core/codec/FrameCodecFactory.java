package org.vidshare.core.codec;

import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.buffer.SimpleBufferAllocator;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** The VidShare framing as a MINA codec: {@code new ProtocolCodecFilter(new FrameCodecFactory(...))}. */
public final class FrameCodecFactory implements ProtocolCodecFactory {
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder;

    public FrameCodecFactory(int maxHeaderBytes, long maxPayloadBytes, PayloadRules rules, Executor completions,
                             PayloadBuffers buffers, ReadHolds holds) {
        // Payload sinks may keep the chunks they are given (PayloadSink.write): that holds while every
        // read gets a buffer of its own, which a pooling allocator would hand out again.
        if (!(IoBuffer.getAllocator() instanceof SimpleBufferAllocator)) {
            throw new IllegalStateException("the VidShare codec needs MINA's SimpleBufferAllocator, not "
                    + IoBuffer.getAllocator().getClass().getName());
        }
        this.decoder = new FrameDecoder(maxHeaderBytes, maxPayloadBytes, rules, completions, buffers, holds);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
