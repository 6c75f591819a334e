package org.vidshare.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.vidshare.core.protocol.Commands;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Json;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.PayloadSink;

/**
 * Decodes length-prefixed JSON frames and streams upload payloads. After an upload header the
 * decoder suspends reads until a worker has decided where the payload goes ({@link #attachSink}):
 * a partial file, or nowhere for a rejected request. Payload bytes then flow from the socket
 * buffer straight into the sink, so memory stays flat whatever the file size.
 */
public final class FrameDecoder implements ProtocolDecoder {
    private static final AttributeKey STATE = new AttributeKey(FrameDecoder.class, "state");

    private final int maxHeaderBytes;
    private final long maxUploadBytes;

    public FrameDecoder(int maxHeaderBytes, long maxUploadBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    private enum Mode { HEADER, AWAIT_SINK, PAYLOAD, DEAD }

    /** Per-connection decoding state; guarded by its own monitor (network thread vs worker). */
    private static final class State {
        // Auto-shrink: a frame of up to max_header bytes grows this buffer while it is decoded; once
        // it is consumed, compact() gives the memory back instead of keeping it for the connection's life.
        final IoBuffer pending = IoBuffer.allocate(512).setAutoExpand(true).setAutoShrink(true)
                .order(ByteOrder.LITTLE_ENDIAN);
        Mode mode = Mode.HEADER;
        long remaining;
        PayloadSink sink;
        Exception sinkFailure;
    }

    /** The outcome of attaching a sink: whether the payload already completed from buffered bytes. */
    public record Attached(boolean complete, Exception failure) {
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        State state = state(session);
        in.order(ByteOrder.LITTLE_ENDIAN);
        synchronized (state) {
            if (state.pending.position() == 0) {
                process(session, state, in, out);
                if (in.hasRemaining()) {
                    state.pending.put(in);
                }
            } else {
                state.pending.put(in);
                state.pending.flip();
                process(session, state, state.pending, out);
                state.pending.compact();
            }
        }
    }

    private void process(IoSession session, State state, IoBuffer buf, ProtocolDecoderOutput out) {
        while (true) {
            switch (state.mode) {
                case DEAD -> {
                    buf.position(buf.limit());
                    return;
                }
                case AWAIT_SINK -> {
                    return;
                }
                case PAYLOAD -> {
                    if (!buf.hasRemaining()) {
                        return;
                    }
                    Exception failure = feed(state, buf);
                    if (failure != NOT_DONE) {
                        out.write(new Inbound.PayloadDone(failure));
                    }
                }
                case HEADER -> {
                    if (!decodeFrame(session, state, buf, out)) {
                        return;
                    }
                }
            }
        }
    }

    /** A marker for "the payload is not complete yet". */
    private static final Exception NOT_DONE = new Exception("not done", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    /** Moves payload bytes from buf into the sink; returns NOT_DONE, or the completion's failure (null if none). */
    private static Exception feed(State state, IoBuffer buf) {
        int n = (int) Math.min(state.remaining, buf.remaining());
        ByteBuffer chunk = buf.buf().slice();
        chunk.limit(n);
        try {
            state.sink.write(chunk);
        } catch (IOException | RuntimeException e) {
            // Keep reading to the announced end so the connection stays in sync; report at the end.
            state.sinkFailure = e;
            state.sink = PayloadSink.DISCARD;
        }
        buf.skip(n);
        state.remaining -= n;
        if (state.remaining > 0) {
            return NOT_DONE;
        }
        Exception failure = state.sinkFailure;
        state.mode = Mode.HEADER;
        state.sink = null;
        state.sinkFailure = null;
        return failure;
    }

    /** Decodes one frame if it is complete in buf; false when more bytes are needed. */
    private boolean decodeFrame(IoSession session, State state, IoBuffer buf, ProtocolDecoderOutput out) {
        if (buf.remaining() < Integer.BYTES) {
            return false;
        }
        int length = buf.getInt(buf.position());
        if (length <= 0 || length > maxHeaderBytes) {
            out.write(new Inbound.BadFrame(length));
            state.mode = Mode.DEAD;
            return true;
        }
        if (buf.remaining() < Integer.BYTES + length) {
            return false;
        }
        buf.skip(Integer.BYTES);
        byte[] json = new byte[length];
        buf.get(json);
        ObjectNode node;
        try {
            node = Json.parseObject(json, 0, length);
        } catch (IOException e) {
            out.write(new Inbound.Malformed("not a JSON object"));
            return true;
        }
        if (Json.hasUnpairedSurrogate(node)) {
            out.write(new Inbound.Malformed("a string is not valid Unicode"));
            return true;
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            out.write(new Inbound.Malformed("no string type"));
            return true;
        }
        Inbound.Frame frame = frameFor(node);
        out.write(frame);
        if (frame.closingError() != null) {
            state.mode = Mode.DEAD;
        } else if (frame.payloadLength() > 0) {
            state.mode = Mode.AWAIT_SINK;
            state.remaining = frame.payloadLength();
            session.suspendRead();
        }
        return true;
    }

    /** Works out the payload an upload header announces, or the closing error of docs/protocol.md. */
    private Inbound.Frame frameFor(ObjectNode json) {
        if (!Commands.carriesRequestPayload(json.get("type").asText())) {
            return new Inbound.Frame(json, 0, null, null);
        }
        JsonNode size = json.get("file_size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            return closing(json, ErrorCode.BAD_REQUEST,
                    Text.of("file_size 必须是非负整数", "file_size must be a non-negative integer"));
        }
        long fileSize = size.asLong();
        if (fileSize > maxUploadBytes) {
            return closing(json, ErrorCode.TOO_LARGE,
                    Text.of("文件超过上限 " + maxUploadBytes + " 字节", "file exceeds the limit of " + maxUploadBytes + " bytes"));
        }
        JsonNode offsetNode = json.get("offset");
        long offset = 0;
        if (offsetNode != null && !offsetNode.isNull()) {
            if (!offsetNode.isIntegralNumber() || !offsetNode.canConvertToLong()
                    || offsetNode.asLong() < 0 || offsetNode.asLong() > fileSize) {
                return closing(json, ErrorCode.BAD_REQUEST,
                        Text.of("offset 必须在 0 到 file_size 之间", "offset must be between 0 and file_size"));
            }
            offset = offsetNode.asLong();
        }
        return new Inbound.Frame(json, fileSize - offset, null, null);
    }

    private static Inbound.Frame closing(ObjectNode json, ErrorCode code, Text text) {
        return new Inbound.Frame(json, 0, code, text);
    }

    /**
     * Decides where the pending payload of this connection goes, feeds it the bytes that arrived
     * meanwhile, and resumes reading. Called from a worker thread, once per payload.
     */
    public static Attached attachSink(IoSession session, PayloadSink sink) {
        State state = state(session);
        Attached result;
        IoBuffer behind = null;
        synchronized (state) {
            if (state.mode != Mode.AWAIT_SINK) {
                throw new IllegalStateException("no payload is waiting for a sink");
            }
            state.sink = sink;
            state.mode = Mode.PAYLOAD;
            result = new Attached(false, null);
            if (state.pending.position() > 0) {
                state.pending.flip();
                Exception failure = feed(state, state.pending);
                if (failure != NOT_DONE) {
                    result = new Attached(true, failure);
                    behind = takeRest(state.pending);
                }
                state.pending.compact();
            }
        }
        if (behind != null) {
            redeliver(session, behind);
        }
        synchronized (state) {
            if (state.mode == Mode.AWAIT_SINK) {
                // The bytes behind held another upload header: reads stay off until its sink is attached.
                return result;
            }
        }
        session.resumeRead();
        wakeUp(session);
        return result;
    }

    /** The bytes left in {@code buf} after the payload, taken out of it (null when there are none). */
    private static IoBuffer takeRest(IoBuffer buf) {
        if (!buf.hasRemaining()) {
            return null;
        }
        IoBuffer rest = IoBuffer.allocate(buf.remaining());
        rest.put(buf).flip();
        return rest;
    }

    /**
     * A client that sent its next request right behind an upload payload (in the same read) would
     * otherwise wait forever: those bytes sat in the buffer, and the decoder runs only when new bytes
     * arrive. They go through the codec again, as if just read, and on to the dispatcher in order.
     * Reads are still suspended here, so no newer bytes can overtake them; the codec filter is called
     * directly, so a TLS connection does not decrypt them twice.
     */
    private static void redeliver(IoSession session, IoBuffer bytes) {
        IoFilterChain.Entry codec = session.getFilterChain().getEntry(ProtocolCodecFilter.class);
        if (codec == null) {
            session.closeNow();
            return;
        }
        try {
            codec.getFilter().messageReceived(codec.getNextFilter(), session, bytes);
        } catch (Exception e) {
            session.getFilterChain().fireExceptionCaught(e);
        }
    }

    /**
     * Changing the read interest from a worker does not wake a selector already blocked in
     * {@code select()} without it: the payload would sit unread until the select times out (a
     * second in MINA). A flush request with nothing queued wakes the selector and writes nothing.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void wakeUp(IoSession session) {
        if (session instanceof AbstractIoSession io) {
            ((IoProcessor) io.getProcessor()).flush(io);
        }
    }

    /**
     * Hands the payload bytes that arrived before the connection closed to {@code sink} (a resumable
     * upload keeps them); the rest will never come. For a handler that claims a payload only after
     * the close: reads were suspended, so the peer's last bytes may still sit in this buffer.
     */
    public static void drainAfterClose(IoSession session, PayloadSink sink) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            return;
        }
        synchronized (state) {
            if (state.mode != Mode.AWAIT_SINK) {
                return;
            }
            state.sink = sink;
            state.mode = Mode.PAYLOAD;
            if (state.pending.position() > 0) {
                state.pending.flip();
                feed(state, state.pending);
                state.pending.compact();
            }
            state.mode = Mode.DEAD;
            state.sink = null;
        }
    }

    /** Whether the connection is in the middle of a payload (for stall detection). */
    public static boolean isInPayload(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.mode == Mode.PAYLOAD || state.mode == Mode.AWAIT_SINK;
        }
    }

    private static State state(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            State fresh = new State();
            state = (State) session.setAttributeIfAbsent(STATE, fresh);
            if (state == null) {
                state = fresh;
            }
        }
        return state;
    }

    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        // A connection that ends mid-frame leaves nothing to decode: the dropped payload is the
        // server's business (its sessionClosed aborts the pending receive).
    }

    @Override
    public void dispose(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state != null) {
            synchronized (state) {
                if (state.mode == Mode.AWAIT_SINK) {
                    // A handler is still deciding where this payload goes: keep its early bytes for
                    // drainAfterClose. The closed session, and this state with it, is garbage soon.
                    return;
                }
            }
        }
        session.removeAttribute(STATE);
    }
}
