package org.vidshare.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * Sends a file region as buffers, a few chunks in flight at a time, for connections where a zero-copy
 * {@code FileRegion} cannot go (TLS must encrypt every byte). Back-pressure: the next chunk is read
 * only when an earlier one has left, so memory stays flat in the file size. The file is read into
 * one direct buffer of the sender's own, reused while the TLS filter encrypts each chunk as it is
 * written (the encrypted copy is what stays in flight): no per-chunk allocation, and no copy of
 * the JDK's between a heap buffer and the file. Should a filter ever keep a chunk instead, the
 * next one gets a fresh buffer ({@link Writes#writeBuffer} tells which).
 */
final class ChunkedFileSender {
    /** 256 KiB: sixteen TLS records per write; four in flight keep the socket busy. */
    private static final int CHUNK = 256 * 1024;
    private static final int IN_FLIGHT = 4;

    private final IoSession io;
    private final FileChannel channel;
    private final Runnable onDone;
    private long position;
    private final long end;
    private int inFlight;
    private boolean finished;
    private ByteBuffer reading;

    ChunkedFileSender(IoSession io, FileChannel channel, long offset, long length, Runnable onDone) {
        this.io = io;
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
        this.onDone = onDone;
    }

    synchronized void start() {
        pump();
    }

    private synchronized void pump() {
        try {
            while (inFlight < IN_FLIGHT && position < end && io.isConnected()) {
                int size = (int) Math.min(CHUNK, end - position);
                if (reading == null) {
                    reading = ByteBuffer.allocateDirect(CHUNK);
                }
                ByteBuffer buffer = reading.clear().limit(size);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("file shorter than announced");
                    }
                }
                buffer.flip();
                position += size;
                inFlight++;
                if (!Writes.writeBuffer(io, IoBuffer.wrap(buffer), f -> sent(f.isWritten()))) {
                    reading = null; // bytes of it still to leave: it is the session's now
                }
            }
        } catch (IOException e) {
            io.closeNow();
        }
        if (!finished && (position >= end || !io.isConnected()) && inFlight == 0) {
            finished = true;
            onDone.run();
        }
    }

    private synchronized void sent(boolean ok) {
        inFlight--;
        if (!ok) {
            position = end;
        }
        pump();
    }
}
