package org.vidshare.media;

import java.nio.ByteBuffer;
import org.vidshare.media.H264ParameterSets.Refused;

/**
 * Whether jcodec may decode a movie's H.264 video within this JVM's memory, judged from the stream
 * itself (its {@code avcC} parameter sets, its largest sample, and the parameter sets inside the
 * sample to be decoded) rather than from the container's display size, which a crafted file can
 * set apart from what the decoder will allocate.
 */
final class H264Budget {
    /** A keyframe of a 4K movie is a few MiB; jcodec reads a whole sample into memory. */
    static final long MAX_SAMPLE_BYTES = 16L << 20;
    /** Whatever the heap, no poster from more than a 4K picture (the poster is 320 px wide). */
    private static final long MAX_PIXELS = 3840L * 2160;
    /**
     * Heap bytes a jcodec 0.2.5 decode takes per coded pixel: the picture, its output buffer and the
     * per-block tables (measured: one 3840 x 2160 keyframe grabbed with about 44 MiB, 5.3 bytes a
     * pixel), rounded up. A decode may use at most half the heap.
     */
    private static final long HEAP_BYTES_PER_PIXEL = 6;

    private H264Budget() {
    }

    /** The largest coded picture this JVM decodes: half the heap's worth, at most 4K (64 MiB: about 1080p). */
    static long pixelLimit() {
        return Math.min(MAX_PIXELS, Runtime.getRuntime().maxMemory() / 2 / HEAP_BYTES_PER_PIXEL);
    }

    /**
     * Checks the video track's {@code avcC} box payload and largest sample, before jcodec parses
     * either; then each packet about to be decoded is checked by {@link #checkPacket}.
     */
    static void checkStream(ByteBuffer avcC, long largestSample, long pixelLimit) throws Refused {
        if (largestSample > MAX_SAMPLE_BYTES) {
            throw new Refused("a sample of " + largestSample + " bytes");
        }
        ByteBuffer in = avcC.duplicate();
        try {
            in.position(in.position() + 5); // version, profile, compatibility, level, NAL length size
            int spsCount = in.get() & 0x1f;
            if (spsCount == 0) {
                throw new Refused("no SPS in avcC");
            }
            for (int i = 0; i < spsCount; i++) {
                checkSps(slice(in), pixelLimit);
            }
            int ppsCount = in.get() & 0xff;
            for (int i = 0; i < ppsCount; i++) {
                H264ParameterSets.checkPps(slice(in));
            }

        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refused("avcC ends early");
        }
    }

    /**
     * Checks every parameter set in a packet as jcodec's MP4 demuxer hands it to the decoder: Annex B
     * (NAL units after 00 00 01 start codes), with the avcC's parameter sets put in front of a
     * keyframe, then whatever the sample itself carries.
     */
    static void checkPacket(ByteBuffer packet, long pixelLimit) throws Refused {
        ByteBuffer in = packet.duplicate();
        int nalStart = -1;
        for (int i = in.position(); i + 3 <= in.limit(); i++) {
            if (in.get(i) == 0 && in.get(i + 1) == 0 && in.get(i + 2) == 1) {
                if (nalStart >= 0) {
                    checkNal(in, nalStart, i, pixelLimit);
                }
                nalStart = i + 3;
                i += 2;
            }
        }
        if (nalStart >= 0) {
            checkNal(in, nalStart, in.limit(), pixelLimit);
        }
    }

    private static void checkNal(ByteBuffer packet, int start, int end, long pixelLimit) throws Refused {
        int last = end;
        while (last > start && packet.get(last - 1) == 0) {
            last--; // zero bytes before a start code belong to the byte stream, not to the NAL unit
        }
        if (last == start) {
            return;
        }
        ByteBuffer nal = packet.slice(start, last - start);
        int type = H264ParameterSets.type(nal);
        if (type == H264ParameterSets.SPS) {
            checkSps(nal, pixelLimit);
        } else if (type == H264ParameterSets.PPS) {
            H264ParameterSets.checkPps(nal);
        }
    }

    private static void checkSps(ByteBuffer sps, long pixelLimit) throws Refused {
        long pixels = H264ParameterSets.codedPixels(sps);
        if (pixels > pixelLimit) {
            throw new Refused("a coded picture of " + pixels + " pixels (this heap decodes at most " + pixelLimit + ")");
        }
    }

    /** The next 16-bit-length-prefixed parameter set of an avcC box. */
    private static ByteBuffer slice(ByteBuffer in) {
        int size = in.getShort() & 0xffff;
        ByteBuffer nal = in.slice(in.position(), size);
        in.position(in.position() + size);
        return nal;
    }
}
