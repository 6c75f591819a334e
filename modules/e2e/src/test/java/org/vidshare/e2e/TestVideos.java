package org.vidshare.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rational;

/** Videos the tests make themselves: real H.264 MP4/MOV files (jcodec's muxer) by jcodec's encoder, and crafted bad ones. */
final class TestVideos {
    private TestVideos() {
    }

    /** An H.264 MP4 of {@code frames} frames at {@code fps}: a colour gradient with a moving bar. */
    static Path h264(Path file, int width, int height, int fps, int frames) throws IOException {
        try (SeekableByteChannel channel = NIOUtils.writableChannel(file.toFile())) {
            SequenceEncoder encoder = new SequenceEncoder(channel, Rational.R(fps, 1), Format.MOV, Codec.H264, null);
            Picture rgb = Picture.create(width, height, ColorSpace.RGB);
            byte[] data = rgb.getPlaneData(0);
            for (int frame = 0; frame < frames; frame++) {
                int bar = frame * width / frames;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int i = (y * width + x) * 3;
                        boolean onBar = Math.abs(x - bar) < width / 20;
                        // jcodec keeps samples as value - 128.
                        data[i] = (byte) ((onBar ? 255 : x * 255 / width) - 128);
                        data[i + 1] = (byte) ((onBar ? 255 : y * 255 / height) - 128);
                        data[i + 2] = (byte) (0 - 128); // no blue
                    }
                }
                encoder.encodeNativeFrame(rgb);
            }
            encoder.finish();
        }
        return file;
    }

    /** The first {@code bytes} bytes of {@code source}, as a truncated upload would leave them. */
    static Path truncated(Path source, Path target, long bytes) throws IOException {
        byte[] all = Files.readAllBytes(source);
        return Files.write(target, Arrays.copyOf(all, (int) bytes));
    }

    /** An ftyp box, then a box of {@code type} that claims {@code claimedSize} bytes (64-bit size), then a little data. */
    static Path hugeBox(Path file, String type, long claimedSize) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN);
        bytes.putInt(20).put("ftyp".getBytes()).put("isom".getBytes()).putInt(512).put("mp41".getBytes());
        bytes.putInt(1).put(type.getBytes()).putLong(claimedSize);
        // Padding that differs per crafted file, so that no two share a fingerprint.
        byte[] padding = new byte[bytes.remaining()];
        new java.util.Random(claimedSize ^ type.hashCode()).nextBytes(padding);
        bytes.put(padding);
        return Files.write(file, bytes.array());
    }

    /**
     * A small, well-formed moov whose sample-size table claims two billion samples in a few bytes:
     * a reader that allocates by the declared count (jcodec's would) needs 8 GiB.
     */
    static Path hugeSampleTable(Path file) throws IOException {
        ByteBuffer stsz = box("stsz", ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(0x7fff_ffff).array());
        ByteBuffer stbl = box("stbl", stsz.array());
        ByteBuffer minf = box("minf", stbl.array());
        ByteBuffer hdlr = box("hdlr", ByteBuffer.allocate(24).putInt(0).putInt(0).put("vide".getBytes()).array());
        ByteBuffer mdhd = box("mdhd", ByteBuffer.allocate(24).putInt(0).putInt(0).putInt(0).putInt(1000).putInt(2000)
                .array());
        ByteBuffer mdia = box("mdia", concat(mdhd.array(), hdlr.array(), minf.array()));
        ByteBuffer trak = box("trak", mdia.array());
        ByteBuffer moov = box("moov", trak.array());
        ByteBuffer ftyp = box("ftyp", ByteBuffer.allocate(12).put("isom".getBytes()).putInt(512).put("mp41".getBytes())
                .array());
        return Files.write(file, concat(ftyp.array(), moov.array()));
    }

    private static ByteBuffer box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).put(type.getBytes()).put(payload);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
