package org.vidshare.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The buffered reader of a connection's replies. Reading a reply may pull the first bytes of the
 * payload behind it into the buffer; a payload read straight from the socket channel must take
 * those bytes first, which is what {@link #drainInto} is for.
 */
final class ReplyInput extends BufferedInputStream {
    ReplyInput(InputStream in, int size) {
        super(in, size);
    }

    /** Writes up to {@code max} already-buffered bytes to {@code file} at {@code position}; returns how many. */
    synchronized int drainInto(FileChannel file, long position, long max) throws IOException {
        int buffered = count - pos;
        int n = (int) Math.min(buffered, max);
        if (n <= 0 || buf == null) {
            return 0;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buf, pos, n);
        while (bytes.hasRemaining()) {
            file.write(bytes, position + bytes.position() - pos);
        }
        pos += n;
        return n;
    }
}
