package org.vidshare.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Json;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.RequestPayload;

/**
 * One connection's framing, one request at a time: it decodes a frame, hands it up, and decodes
 * nothing more until the server calls {@link #next()} (its reply is written). A client that sends
 * ahead finds its bytes left in the socket (TCP back-pressure): at most one read of them is kept
 * here, so the memory a connection can pin is one frame plus one read, whatever it sends. The
 * bytes that follow a frame announcing a payload go to the connection's {@link PayloadReceiver}.
 */
public final class FrameReader {
    private static final AttributeKey KEY = new AttributeKey(FrameReader.class, "reader");
    /**
     * Requests in a row that were already in when their predecessor's reply left. A client that
     * waits for each reply sends almost none ahead; one that never reads its replies is cut off
     * here rather than served forever into a socket nobody empties.
     */
    static final int MAX_AHEAD = 256;

    /** The sizes a frame and a payload may have. */
    record Limits(int maxHeaderBytes, long maxPayloadBytes) {
    }

    private enum Mode {
        /** Decoding the next frame. */
        HEADER,
        /** A request is in the server: nothing is decoded until {@link #next()}. */
        PAUSED,
        /** The bytes that follow a frame go to the payload receiver. */
        PAYLOAD,
        /** The stream cannot be followed any more (bad frame, closing error): everything is dropped. */
        DEAD
    }

    private final IoSession session;
    private final Limits limits;
    private final PayloadRules rules;
    private final PayloadReceiver payload;
    // Auto-shrink: a frame of up to max_header bytes grows this buffer while it is decoded; once it
    // is consumed, compact() gives the memory back instead of keeping it for the connection's life.
    private final IoBuffer pending = IoBuffer.allocate(512).setAutoExpand(true).setAutoShrink(true)
            .order(ByteOrder.LITTLE_ENDIAN);
    private Mode mode = Mode.HEADER;
    /** Whether the bytes being decoded came in before the previous reply left ({@link #next()}). */
    private boolean redelivering;
    private int ahead;
    /**
     * When the first byte of the frame being decoded came in ({@code System.nanoTime()}), or 0 while
     * no frame is part-way in: the server closes a connection whose header takes too long.
     */
    private volatile long headerStartedNanos;

    private FrameReader(IoSession session, Limits limits, PayloadRules rules, Executor completions,
                        PayloadBuffers buffers, ReadHolds holds) {
        this.session = session;
        this.limits = limits;
        this.rules = rules;
        this.payload = new PayloadReceiver(session, completions, buffers, holds);
    }

    static FrameReader attach(IoSession session, Limits limits, PayloadRules rules, Executor completions,
                              PayloadBuffers buffers, ReadHolds holds) {
        FrameReader reader = of(session);
        if (reader == null) {
            FrameReader fresh = new FrameReader(session, limits, rules, completions, buffers, holds);
            reader = (FrameReader) session.setAttributeIfAbsent(KEY, fresh);
            if (reader == null) {
                reader = fresh;
            }
        }
        return reader;
    }

    /** The connection's reader, or null before its first byte arrived. */
    public static FrameReader of(IoSession session) {
        return (FrameReader) session.getAttribute(KEY);
    }

    /** The connection's payload receiver: the one owner of an upload's bytes. */
    public PayloadReceiver payload() {
        return payload;
    }

    synchronized void decode(IoBuffer in, ProtocolDecoderOutput out) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        if (pending.position() == 0) {
            process(in, out);
            if (in.hasRemaining()) {
                pending.put(in);
            }
        } else {
            pending.put(in);
            pending.flip();
            process(pending, out);
            pending.compact();
        }
        if (mode == Mode.PAUSED && pending.position() > 0) {
            // The client sends ahead: leave the rest in the socket until this request is answered.
            session.suspendRead();
        }
        markHeaderProgress();
    }

    /** Starts the header clock when a frame is part-way in, stops it when none is. */
    private void markHeaderProgress() {
        if (mode != Mode.HEADER || pending.position() == 0) {
            headerStartedNanos = 0;
        } else if (headerStartedNanos == 0) {
            headerStartedNanos = System.nanoTime();
        }
    }

    /**
     * Whether a frame has been part-way in for longer than {@code timeoutNanos} (measured from its
     * first byte, or from when the server turned to it if it came in ahead of its predecessor's reply).
     */
    public boolean headerOverdue(long nowNanos, long timeoutNanos) {
        long started = headerStartedNanos;
        return started != 0 && nowNanos - started > timeoutNanos;
    }

    private void process(IoBuffer buf, ProtocolDecoderOutput out) {
        while (true) {
            switch (mode) {
                case DEAD -> {
                    buf.position(buf.limit());
                    return;
                }
                case PAUSED -> {
                    return;
                }
                case PAYLOAD -> {
                    if (!buf.hasRemaining()) {
                        return;
                    }
                    if (!payload.take(buf, buf == pending)) {
                        return;
                    }
                    mode = Mode.PAUSED;
                }
                case HEADER -> {
                    if (!decodeFrame(buf, out)) {
                        return;
                    }
                }
            }
        }
    }

    /** Decodes one frame if it is complete in buf; false when more bytes are needed. */
    private boolean decodeFrame(IoBuffer buf, ProtocolDecoderOutput out) {
        if (buf.remaining() < Integer.BYTES) {
            return false;
        }
        int length = buf.getInt(buf.position());
        if (length <= 0 || length > limits.maxHeaderBytes()) {
            mode = Mode.DEAD;
            out.write(new Inbound.BadFrame(length));
            return true;
        }
        if (buf.remaining() < Integer.BYTES + length) {
            return false;
        }
        buf.skip(Integer.BYTES);
        byte[] json = new byte[length];
        buf.get(json);
        headerStartedNanos = 0;
        ahead = redelivering ? ahead + 1 : 0;
        if (ahead > MAX_AHEAD) {
            mode = Mode.DEAD;
            out.write(new Inbound.TooFarAhead(ahead));
            return true;
        }
        mode = Mode.PAUSED;
        out.write(parse(json));
        return true;
    }

    private Inbound parse(byte[] bytes) {
        ObjectNode json;
        try {
            json = Json.parseObject(bytes, 0, bytes.length);
        } catch (IOException e) {
            return new Inbound.Malformed("not a JSON object");
        }
        if (Json.hasUnpairedSurrogate(json)) {
            return new Inbound.Malformed("a string is not valid Unicode");
        }
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            return new Inbound.Malformed("no string type");
        }
        return frameFor(json, rules.of(session, type.asText()));
    }

    /** Works out the payload a frame announces (its command's rule), or the closing error of a broken one. */
    private Inbound.Frame frameFor(ObjectNode json, RequestPayload rule) {
        if (!rule.present()) {
            return new Inbound.Frame(json, IncomingPayload.NONE, null, null);
        }
        String sizeKey = rule.sizeField();
        JsonNode size = json.get(sizeKey);
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            return closing(json, ErrorCode.BAD_REQUEST,
                    Text.of(sizeKey + " 必须是非负整数", sizeKey + " must be a non-negative integer"));
        }
        long total = size.asLong();
        if (total > limits.maxPayloadBytes()) {
            return closing(json, ErrorCode.TOO_LARGE, Text.of("文件超过上限 " + limits.maxPayloadBytes() + " 字节",
                    "file exceeds the limit of " + limits.maxPayloadBytes() + " bytes"));
        }
        long offset = 0;
        JsonNode offsetNode = rule.offsetField() == null ? null : json.get(rule.offsetField());
        if (offsetNode != null && !offsetNode.isNull()) {
            if (!offsetNode.isIntegralNumber() || !offsetNode.canConvertToLong()
                    || offsetNode.asLong() < 0 || offsetNode.asLong() > total) {
                String offsetKey = rule.offsetField();
                return closing(json, ErrorCode.BAD_REQUEST, Text.of(offsetKey + " 必须在 0 到 " + sizeKey + " 之间",
                        offsetKey + " must be between 0 and " + sizeKey));
            }
            offset = offsetNode.asLong();
        }
        long length = total - offset;
        if (length == 0) {
            return new Inbound.Frame(json, IncomingPayload.NONE, null, null);
        }
        mode = Mode.PAYLOAD;
        return new Inbound.Frame(json, payload.announce(length), null, null);
    }

    private Inbound.Frame closing(ObjectNode json, ErrorCode code, Text text) {
        mode = Mode.DEAD;
        return new Inbound.Frame(json, IncomingPayload.NONE, code, text);
    }

    /**
     * The server is done with the current request (its reply is written): decode the next one. The
     * bytes that arrived meanwhile go through the codec again, as if just read; the lock is held so
     * that no newer read overtakes them, and the codec filter is called directly so that a TLS
     * connection does not decrypt them twice.
     */
    public synchronized void next() {
        if (mode != Mode.PAUSED) {
            return;
        }
        mode = Mode.HEADER;
        if (pending.position() > 0) {
            pending.flip();
            IoBuffer rest = IoBuffer.allocate(pending.remaining());
            rest.put(pending).flip();
            pending.clear();
            redelivering = true;
            try {
                redeliver(rest);
            } finally {
                redelivering = false;
            }
        }
        markHeaderProgress();
        // Reads are suspended only when the client sent ahead or a payload waits for its sink; after an
        // ordinary request they never were, and a resume would cost a selector wake-up per request.
        if ((mode == Mode.HEADER || (mode == Mode.PAYLOAD && payload.claimed())) && session.isReadSuspended()) {
            session.resumeRead();
            wakeUp(session);
        }
    }

    private void redeliver(IoBuffer bytes) {
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
     * {@code select()} without it: the bytes would sit unread until the select times out (a second
     * in MINA). A flush request with nothing queued wakes the selector and writes nothing.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void wakeUp(IoSession session) {
        if (session instanceof AbstractIoSession io) {
            ((IoProcessor) io.getProcessor()).flush(io);
        }
    }

    /** The connection closed: a payload in flight ends here. */
    void closed() {
        synchronized (this) {
            mode = Mode.DEAD;
        }
        payload.closed();
    }
}
