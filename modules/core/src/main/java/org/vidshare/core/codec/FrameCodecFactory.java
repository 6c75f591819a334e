package org.vidshare.core.codec;

import java.util.concurrent.Executor;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** The VidShare framing as a MINA codec: {@code new ProtocolCodecFilter(new FrameCodecFactory(...))}. */
public final class FrameCodecFactory implements ProtocolCodecFactory {
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder;

    public FrameCodecFactory(int maxHeaderBytes, long maxPayloadBytes, PayloadRules rules, Executor completions) {
        this.decoder = new FrameDecoder(maxHeaderBytes, maxPayloadBytes, rules, completions);
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
