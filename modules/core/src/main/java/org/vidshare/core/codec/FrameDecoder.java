package org.vidshare.core.codec;

import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * The MINA face of {@link FrameReader}: one reader per connection holds that connection's framing
 * state, this shared decoder only finds it.
 */
public final class FrameDecoder implements ProtocolDecoder {
    private final FrameReader.Limits limits;
    private final PayloadRules rules;
    private final Executor completions;
    private final PayloadBuffers buffers;
    private final ReadHolds holds;

    /**
     * @param completions where a payload's completion runs (a worker pool): never a network thread,
     *                    since what follows the last byte (verify, publish) may take a while
     * @param buffers     the direct buffers payloads are read into on plain connections
     * @param holds       where the connections count how long their payload reads were held back
     */
    public FrameDecoder(int maxHeaderBytes, long maxPayloadBytes, PayloadRules rules, Executor completions,
                        PayloadBuffers buffers, ReadHolds holds) {
        this.limits = new FrameReader.Limits(maxHeaderBytes, maxPayloadBytes);
        this.rules = rules;
        this.completions = completions;
        this.buffers = buffers;
        this.holds = holds;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        FrameReader.attach(session, limits, rules, completions, buffers, holds).decode(in, out);
    }

    /** The connection closed (MINA calls this from the codec filter's sessionClosed). */
    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        FrameReader reader = FrameReader.of(session);
        if (reader != null) {
            reader.closed();
        }
    }

    @Override
    public void dispose(IoSession session) {
        // The reader lives as a session attribute and goes with the session.
    }
}
