package org.vidshare.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A TLS connection's encrypted-write buffers: reused while writes are in flight, none kept once they are not. */
class EncryptedBuffersTest {
    private static final int CHUNK_RECORDS = 270_000;

    @Test
    void aSentBufferCarriesTheNextWriteWhileOthersAreInFlight() {
        EncryptedBuffers buffers = new EncryptedBuffers(false);
        List<ByteBuffer> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(buffers.take(CHUNK_RECORDS));
        }
        ByteBuffer first = inFlight.remove(0);
        first.put(new byte[100]);
        buffers.sent(first);
        ByteBuffer next = buffers.take(CHUNK_RECORDS - 5000); // a last, shorter chunk fits too
        buffers.settle();

        assertThat(next).isSameAs(first);
        assertThat(next.position()).isZero();
        assertThat(next.remaining()).isEqualTo(next.capacity());
        assertThat(inFlight.stream().noneMatch(busy -> busy == next)).as("not one still in flight").isTrue();
    }

    @Test
    void noBufferIsKeptOnceNothingIsInFlight() {
        EncryptedBuffers buffers = new EncryptedBuffers(false);
        ByteBuffer one = buffers.take(CHUNK_RECORDS);
        ByteBuffer two = buffers.take(CHUNK_RECORDS);
        buffers.sent(one);
        buffers.settle();
        assertThat(buffers.kept()).isEqualTo(1); // two still in flight

        buffers.sent(two);
        buffers.settle();
        assertThat(buffers.kept()).isZero();
        assertThat(buffers.take(CHUNK_RECORDS)).isNotSameAs(one).isNotSameAs(two);
    }

    @Test
    void smallBuffersAndOnesTooSmallAreNotReused() {
        EncryptedBuffers buffers = new EncryptedBuffers(false);
        ByteBuffer reply = buffers.take(600);
        ByteBuffer busy = buffers.take(CHUNK_RECORDS);
        buffers.sent(reply);
        assertThat(buffers.kept()).isZero();

        ByteBuffer chunk = buffers.take(EncryptedBuffers.KEPT_MIN_BYTES);
        buffers.sent(chunk);
        assertThat(buffers.take(CHUNK_RECORDS)).isNotSameAs(chunk); // kept, but smaller than asked
        assertThat(buffers.take(EncryptedBuffers.KEPT_MIN_BYTES)).isSameAs(chunk);
        assertThat(busy.capacity()).isEqualTo(CHUNK_RECORDS);
    }

    /** Heap for the JDK's engine (its AES-GCM is faster on arrays), direct for a native one; a kept one keeps its kind. */
    @Test
    void theKindOfBufferIsTheEngines() {
        EncryptedBuffers heap = new EncryptedBuffers(false);
        EncryptedBuffers direct = new EncryptedBuffers(true);
        assertThat(heap.take(CHUNK_RECORDS).isDirect()).isFalse();
        ByteBuffer first = direct.take(CHUNK_RECORDS);
        assertThat(first.isDirect()).isTrue();
        direct.take(CHUNK_RECORDS);
        direct.sent(first);
        assertThat(direct.take(CHUNK_RECORDS)).isSameAs(first);
    }
}
