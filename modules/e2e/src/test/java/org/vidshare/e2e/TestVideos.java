package org.vidshare.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Rational;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.containers.mp4.muxer.PCMMP4MuxerTrack;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/** Videos the tests make themselves: real H.264 MP4/MOV files (jcodec's muxer) by jcodec's encoder, and crafted bad ones. */
final class TestVideos {
    private TestVideos() {
    }

    /** An H.264 MP4 of {@code frames} frames at {@code fps}: a colour gradient with a moving bar. */
    static Path h264(Path file, int width, int height, int fps, int frames) throws IOException {
        try (SeekableByteChannel channel = NIOUtils.writableChannel(file.toFile())) {
            SequenceEncoder encoder = new SequenceEncoder(channel, Rational.R(fps, 1), Format.MOV, Codec.H264, null);
            Picture rgb = Picture.create(width, height, ColorSpace.RGB);
            for (int frame = 0; frame < frames; frame++) {
                paint(rgb, frame, frames);
                encoder.encodeNativeFrame(rgb);
            }
            encoder.finish();
        }
        return file;
    }

    /**
     * As {@link #h264}, with a second track of 16-bit mono PCM at 48 kHz (a 440 Hz tone) as long as
     * the video: jcodec's MP4 muxer writes it as a {@code sowt} sample entry.
     */
    static Path h264WithPcmAudio(Path file, int width, int height, int fps, int frames) throws IOException {
        try (SeekableByteChannel channel = NIOUtils.writableChannel(file.toFile())) {
            MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(channel);
            MuxerTrack video = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
            PCMMP4MuxerTrack audio = muxer.addPCMAudioTrack(AudioFormat.MONO_48K_S16_LE);
            H264Encoder encoder = H264Encoder.createH264Encoder();
            Transform toYuv = ColorUtil.getTransform(ColorSpace.RGB, ColorSpace.YUV420J);
            Picture rgb = Picture.create(width, height, ColorSpace.RGB);
            Picture yuv = Picture.create(width, height, ColorSpace.YUV420J);
            ByteBuffer encoded = ByteBuffer.allocate(width * height * 3);
            int samplesPerFrame = 48_000 / fps;
            for (int frame = 0; frame < frames; frame++) {
                paint(rgb, frame, frames);
                toYuv.transform(rgb, yuv);
                encoded.clear();
                VideoEncoder.EncodedFrame out = encoder.encodeFrame(yuv, encoded);
                video.addFrame(Packet.createPacket(out.getData(), frame, fps, 1, frame,
                        out.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
                ByteBuffer tone = ByteBuffer.allocate(samplesPerFrame * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < samplesPerFrame; i++) {
                    tone.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * (frame * samplesPerFrame + i) / 48_000.0)));
                }
                audio.addSamples(tone.flip());
            }
            muxer.finish();
        }
        return file;
    }

    /** One frame of the test pattern: a colour gradient with a bar that moves across as frames go by. */
    private static void paint(Picture rgb, int frame, int frames) {
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        byte[] data = rgb.getPlaneData(0);
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

    /**
     * A copy of an H.264 movie from {@link #h264} whose avcC SPS claims a coded picture of
     * {@code widthMbs} x {@code heightMbs} macroblocks while every box (tkhd, the sample entry) keeps
     * the real display size: a decoder that sizes its picture by the SPS allocates
     * {@code 256 * widthMbs * heightMbs} pixels' worth for it.
     */
    static Path withCodedSize(Path source, Path target, int widthMbs, int heightMbs) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(source));
        // The ancestors of avcC, and how many bytes of fields each has before its child boxes.
        String[] path = {"moov", "trak", "mdia", "minf", "stbl", "stsd", "avc1", "avcC"};
        int[] fieldBytes = {0, 0, 0, 0, 0, 8, 78, 0};
        int[] headers = new int[path.length];
        int start = 0;
        int end = file.limit();
        for (int level = 0; level < path.length; level++) {
            int at = childBox(file, start, end, path[level]);
            headers[level] = at;
            start = at + 8 + fieldBytes[level];
            end = at + file.getInt(at);
        }
        int avcC = headers[path.length - 1];
        int spsLengthAt = avcC + 8 + 6;
        int spsLength = file.getShort(spsLengthAt) & 0xffff;
        byte nalHeader = file.get(spsLengthAt + 2);
        org.jcodec.codecs.h264.io.model.SeqParameterSet sps = org.jcodec.codecs.h264.H264Utils.readSPS(
                file.slice(spsLengthAt + 3, spsLength - 1));
        sps.picWidthInMbsMinus1 = widthMbs - 1;
        sps.picHeightInMapUnitsMinus1 = heightMbs - 1;
        sps.frameCroppingFlag = false;
        ByteBuffer written = org.jcodec.codecs.h264.H264Utils.writeSPS(sps, 128);
        byte[] newSps = new byte[1 + written.remaining()];
        newSps[0] = nalHeader;
        written.get(newSps, 1, newSps.length - 1);
        int growth = newSps.length - spsLength;
        ByteBuffer out = ByteBuffer.allocate(file.limit() + growth);
        out.put(file.duplicate().limit(spsLengthAt)).putShort((short) newSps.length).put(newSps);
        out.put(file.duplicate().position(spsLengthAt + 2 + spsLength));
        for (int header : headers) {
            out.putInt(header, file.getInt(header) + growth); // every box around the SPS grows with it
        }
        if (headers[0] < childBox(file, 0, file.limit(), "mdat")) {
            throw new IllegalStateException("moov before mdat: chunk offsets would move");
        }
        return Files.write(target, out.array());
    }

    /** The offset of the first box of {@code type} among the boxes in [start, end). */
    private static int childBox(ByteBuffer file, int start, int end, String type) {
        for (int at = start; at + 8 <= end; at += file.getInt(at) == 1 ? (int) file.getLong(at + 8) : file.getInt(at)) {
            if (new String(new byte[] {file.get(at + 4), file.get(at + 5), file.get(at + 6), file.get(at + 7)})
                    .equals(type)) {
                return at;
            }
        }
        throw new IllegalArgumentException("no " + type + " box");
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
