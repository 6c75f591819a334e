package org.vidshare.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.codec.PayloadBuffers;

/**
 * The chunked sender over MINA's own session and write requests, with a filter in the TLS
 * filter's place (or, for plain downloads from pooled buffers, in the socket's: holding each
 * chunk until it leaves). MINA hands filters a duplicate of each written buffer, so whether a chunk
 * was taken shows only on that duplicate: the sender must refill its one buffer when the filter
 * took the bytes at once (as the TLS filter does, encrypting them), and must not while a filter
 * still holds them.
 */
class ChunkedFileSenderTest {
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void chunksAFilterTakesAtOnceAreAllReadIntoOneBuffer() throws Exception {
        byte[] content = fileContent();
        InTlsPlace filter = new InTlsPlace(true);
        assertThat(sendThrough(filter, content)).isEqualTo(6);

        assertThat(Arrays.equals(filter.taken.toByteArray(), content)).as("the bytes sent are the file's").isTrue();
        // One buffer for every chunk: the first chunk's buffer holds the last chunk's bytes now.
        assertThat(filter.buffers).hasSize(6);
        int lastLength = content.length % CHUNK;
        assertThat(filter.buffers.get(0).duplicate().limit(lastLength))
                .isEqualTo(ByteBuffer.wrap(content, content.length - lastLength, lastLength));
    }

    @Test
    void chunksAFilterHoldsAreNotOverwrittenWhileHeld() throws Exception {
        byte[] content = fileContent();
        InTlsPlace filter = new InTlsPlace(false);
        assertThat(sendThrough(filter, content)).isEqualTo(6);
        for (int chunk = 0; chunk < 6; chunk++) {
            assertThat(filter.buffers.get(chunk)).as("chunk %d, as it left", chunk)
                    .isEqualTo(ByteBuffer.wrap(content, chunk * CHUNK, filter.buffers.get(chunk).remaining()));
        }
    }

    /**
     * The plain way: chunks of pooled buffers, which the socket (here the filter) holds until they
     * leave; none is refilled while held, two are in flight, and every one is back in the pool at the end.
     */
    @Test
    void pooledChunksAreNotOverwrittenWhileHeldAndAllGoBackToThePool() throws Exception {
        byte[] content = fileContent();
        PayloadBuffers pool = new PayloadBuffers(CHUNK, 8L * CHUNK);
        InTlsPlace socket = new InTlsPlace(false);
        assertThat(sendThrough(socket, content, pool, 2)).isEqualTo(6);
        for (int chunk = 0; chunk < 6; chunk++) {
            assertThat(socket.buffers.get(chunk)).as("chunk %d, as it left", chunk)
                    .isEqualTo(ByteBuffer.wrap(content, chunk * CHUNK, socket.buffers.get(chunk).remaining()));
        }
        assertThat(pool.inUse()).as("buffers not given back").isZero();
        assertThat(pool.free()).as("two buffers, refilled in turn").isEqualTo(2);
    }

    /** A pool with one buffer only: the download still goes out whole, one chunk at a time. */
    @Test
    void aPoolWithOneBufferSendsOneChunkAtATime() throws Exception {
        byte[] content = fileContent();
        PayloadBuffers pool = new PayloadBuffers(CHUNK, CHUNK);
        InTlsPlace socket = new InTlsPlace(false);
        assertThat(sendThrough(socket, content, pool, 1)).isEqualTo(6);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        socket.buffers.forEach(chunk -> sent.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining()));
        assertThat(Arrays.equals(sent.toByteArray(), content)).as("the bytes sent are the file's").isTrue();
        assertThat(pool.inUse()).isZero();
    }

    private static byte[] fileContent() {
        byte[] content = new byte[5 * CHUNK + 1000];
        new Random(7).nextBytes(content);
        return content;
    }

    /**
     * Sends the file through {@code filter}, letting its writes leave one at a time as a socket
     * would, later than they were written; returns how many left.
     */
    private int sendThrough(InTlsPlace filter, byte[] content) throws Exception {
        return sendThrough(filter, content, null, 4);
    }

    /** As above, the plain way when {@code pool} is given (its buffers' size the chunk's), with at most {@code maxHeld} chunks in flight. */
    private int sendThrough(InTlsPlace filter, byte[] content, PayloadBuffers pool, int maxHeld) throws Exception {
        Path file = Files.write(dir.resolve("movie.bin"), content);
        DummySession session = new DummySession();
        session.getFilterChain().addFirst("in-tls-place", filter);
        AtomicInteger done = new AtomicInteger();
        int left = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            (pool == null ? ChunkedFileSender.encrypted(session, channel, 0, content.length, done::incrementAndGet)
                    : ChunkedFileSender.pooled(session, channel, 0, content.length, done::incrementAndGet, pool,
                    pool.tryTake())).start();
            while (!filter.held.isEmpty()) {
                // A few chunks in flight at first, then each one that leaves lets the next be read.
                assertThat(filter.held.size()).isBetween(1, maxHeld);
                filter.releaseOldest(session);
                left++;
            }
        }
        assertThat(done).hasValue(1);
        return left;
    }

    /**
     * In the TLS filter's place: takes each chunk's bytes at once (a copy goes on, as the encrypted
     * one would), or holds the chunk itself (as the TLS filter holds writes during its handshake);
     * either way what goes on waits until released.
     */
    private static final class InTlsPlace extends IoFilterAdapter {
        private final boolean takes;
        /** Each chunk's buffer; a held one's copied as it leaves. */
        final List<ByteBuffer> buffers = new ArrayList<>();
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final List<WriteRequest> held = new ArrayList<>();
        private NextFilter next;

        InTlsPlace(boolean takes) {
            this.takes = takes;
        }

        @Override
        public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
            this.next = next;
            IoBuffer written = (IoBuffer) request.getMessage();
            if (!takes) {
                held.add(request);
                return;
            }
            buffers.add(written.buf().duplicate());
            byte[] copy = new byte[written.remaining()];
            written.get(copy);
            taken.write(copy, 0, copy.length);
            held.add(new DefaultWriteRequest(IoBuffer.wrap(copy), request.getFuture(), null));
        }

        void releaseOldest(IoSession session) {
            WriteRequest leaving = held.remove(0);
            if (!takes) {
                ByteBuffer bytes = ((IoBuffer) leaving.getMessage()).buf();
                buffers.add(ByteBuffer.allocate(bytes.remaining()).put(bytes.duplicate()).flip());
            }
            next.filterWrite(session, leaving);
        }
    }
}
