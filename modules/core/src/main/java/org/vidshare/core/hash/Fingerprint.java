package org.vidshare.core.hash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The sampled fingerprint of the original notes (the {@code file_md5}): 10 bytes at each of the
 * offsets 0, s/3, (s/3)*2 and s-10 fed in that order to one MD5. Cheap on any file size, and
 * computed the same by every client, old or new.
 */
public final class Fingerprint {
    public static final int SAMPLE_BYTES = 10;

    private Fingerprint() {
    }

    /** The sample offsets for a file of {@code size} bytes; offsets below 0 count as 0. */
    public static long[] sampleOffsets(long size) {
        long third = size / 3;
        return new long[] {0, third, third * 2, Math.max(0, size - SAMPLE_BYTES)};
    }

    public static String of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return of(channel, channel.size());
        }
    }

    /** The fingerprint of the first {@code size} bytes of an open channel. */
    public static String of(FileChannel channel, long size) throws IOException {
        MessageDigest md5 = DigestUtils.getMd5Digest();
        ByteBuffer sample = ByteBuffer.allocate(SAMPLE_BYTES);
        for (long offset : sampleOffsets(size)) {
            sample.clear();
            sample.limit((int) Math.min(SAMPLE_BYTES, Math.max(0, size - offset)));
            while (sample.hasRemaining()) {
                int read = channel.read(sample, offset + sample.position());
                if (read < 0) {
                    break;
                }
            }
            sample.flip();
            md5.update(sample);
        }
        return Hex.encodeHexString(md5.digest());
    }

    /** The fingerprint of bytes in memory (small files, tests). */
    public static String of(byte[] content) {
        MessageDigest md5 = DigestUtils.getMd5Digest();
        long size = content.length;
        for (long offset : sampleOffsets(size)) {
            int from = (int) offset;
            int to = (int) Math.min(size, offset + SAMPLE_BYTES);
            md5.update(content, from, Math.max(0, to - from));
        }
        return Hex.encodeHexString(md5.digest());
    }
}
