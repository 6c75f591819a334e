package org.vidshare.core.codec;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** The VidShare framing as a MINA codec: {@code new ProtocolCodecFilter(new FrameCodecFactory(...))}. */
public final class FrameCodecFactory implements ProtocolCodecFactory {
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder;

    public FrameCodecFactory(int maxHeaderBytes, long maxUploadBytes) {
        this.decoder = new FrameDecoder(maxHeaderBytes, maxUploadBytes);
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
