package org.vidshare.media;

import java.nio.ByteBuffer;

/**
 * Reads just enough of H.264 parameter sets (SPS, PPS; ITU-T H.264 7.3.2.1 and 7.3.2.2) to know
 * what decoding them will cost, before jcodec sees them. jcodec sizes its pictures and tables by
 * what a parameter set declares and checks none of it against the standard's limits (a 16,384 x
 * 16,384 picture, a POC cycle of two billion entries, thousands of slice-group ids), so a few
 * crafted bytes in a movie's {@code avcC} or in its first sample could make it allocate gigabytes.
 * Every count read here is held to the standard's own bound; anything else is "not decodable".
 */
final class H264ParameterSets {
    static final int SPS = 7;
    static final int PPS = 8;
    /** Parameter sets are tens of bytes; a larger one is not a real stream's. */
    private static final int MAX_NAL_BYTES = 4096;
    /** High-profile family (H.264 7.3.2.1.1): these carry chroma format, bit depths and scaling lists. */
    private static final java.util.Set<Integer> HIGH_PROFILES = java.util.Set.of(
            100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    private H264ParameterSets() {
    }

    /** A parameter set that breaks the standard's bounds, or that this reader does not accept. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** The NAL unit's type (the low five bits of its first byte). */
    static int type(ByteBuffer nal) throws Refused {
        if (!nal.hasRemaining()) {
            throw new Refused("empty NAL unit");
        }
        return nal.get(nal.position()) & 0x1f;
    }

    /**
     * The number of pixels a picture of this SPS has (coded size, both fields of an interlaced
     * frame), after checking every count that jcodec allocates by.
     */
    static long codedPixels(ByteBuffer spsNal) throws Refused {
        Bits bits = Bits.of(spsNal);
        int profile = bits.u(8);
        bits.u(16); // constraint flags, level
        bits.ue(31); // seq_parameter_set_id
        if (HIGH_PROFILES.contains(profile)) {
            int chromaFormat = bits.ue(3);
            if (chromaFormat == 3) {
                bits.u(1); // separate_colour_plane_flag
            }
            if (bits.ue(6) != 0 || bits.ue(6) != 0) {
                throw new Refused("not 8-bit video"); // jcodec decodes 8-bit only
            }
            bits.u(1); // qpprime_y_zero_transform_bypass_flag
            if (bits.u(1) == 1) {
                for (int list = 0; list < (chromaFormat == 3 ? 12 : 8); list++) {
                    if (bits.u(1) == 1) {
                        skipScalingList(bits, list < 6 ? 16 : 64);
                    }
                }
            }
        }
        bits.ue(12); // log2_max_frame_num_minus4
        int pocType = bits.ue(2);
        if (pocType == 0) {
            bits.ue(12); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            bits.u(1);
            bits.se();
            bits.se();
            int cycle = bits.ue(255); // num_ref_frames_in_pic_order_cnt_cycle
            for (int i = 0; i < cycle; i++) {
                bits.se();
            }
        }
        bits.ue(16); // max_num_ref_frames
        bits.u(1); // gaps_in_frame_num_value_allowed_flag
        long widthMbs = bits.ue(MediaInfo.MAX_DIMENSION / 16 - 1) + 1L;
        long heightMapUnits = bits.ue(MediaInfo.MAX_DIMENSION / 16 - 1) + 1L;
        boolean frameMbsOnly = bits.u(1) == 1;
        if (!frameMbsOnly) {
            bits.u(1); // mb_adaptive_frame_field_flag
        }
        bits.u(1); // direct_8x8_inference_flag
        if (bits.u(1) == 1) { // frame_cropping_flag
            for (int i = 0; i < 4; i++) {
                bits.ue(MediaInfo.MAX_DIMENSION);
            }
        }
        if (bits.u(1) == 1) {
            checkVui(bits);
        }
        return widthMbs * 16 * heightMapUnits * 16 * (frameMbsOnly ? 1 : 2);
    }

    /** Checks a PPS for what jcodec allocates by: slice groups (FMO) are refused outright. */
    static void checkPps(ByteBuffer ppsNal) throws Refused {
        Bits bits = Bits.of(ppsNal);
        bits.ue(255); // pic_parameter_set_id
        bits.ue(31); // seq_parameter_set_id
        bits.u(2); // entropy_coding_mode_flag, bottom_field_pic_order_in_frame_present_flag
        if (bits.ue(7) != 0) {
            throw new Refused("slice groups"); // jcodec sizes their map by a count it does not bound
        }
        bits.ue(31); // num_ref_idx_l0_default_active_minus1
        bits.ue(31); // num_ref_idx_l1_default_active_minus1
    }

    private static void skipScalingList(Bits bits, int size) throws Refused {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + bits.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    /** The VUI's one unbounded count (HRD's cpb_cnt_minus1, at most 31) for both HRDs. */
    private static void checkVui(Bits bits) throws Refused {
        if (bits.u(1) == 1 && bits.u(8) == 255) { // aspect_ratio_info_present_flag, aspect_ratio_idc
            bits.u(32); // sar_width, sar_height
        }
        if (bits.u(1) == 1) {
            bits.u(1); // overscan_appropriate_flag
        }
        if (bits.u(1) == 1) { // video_signal_type_present_flag
            bits.u(4);
            if (bits.u(1) == 1) {
                bits.u(24); // colour primaries, transfer, matrix
            }
        }
        if (bits.u(1) == 1) {
            bits.ue(5);
            bits.ue(5);
        }
        if (bits.u(1) == 1) { // timing_info_present_flag
            bits.u(32);
            bits.u(32);
            bits.u(1);
        }
        boolean nal = bits.u(1) == 1;
        if (nal) {
            checkHrd(bits);
        }
        boolean vcl = bits.u(1) == 1;
        if (vcl) {
            checkHrd(bits);
        }
        // The rest (low delay, pic struct, bitstream restriction) allocates nothing in jcodec.
    }

    private static void checkHrd(Bits bits) throws Refused {
        int count = bits.ue(31) + 1;
        bits.u(8); // bit_rate_scale, cpb_size_scale
        for (int i = 0; i < count; i++) {
            bits.ue(Integer.MAX_VALUE - 1);
            bits.ue(Integer.MAX_VALUE - 1);
            bits.u(1);
        }
        bits.u(20);
    }

    /** An RBSP bit reader over one NAL unit: its header byte skipped, emulation prevention removed. */
    private static final class Bits {
        private final byte[] rbsp;
        private final int length;
        private long position;

        private Bits(byte[] rbsp, int length) {
            this.rbsp = rbsp;
            this.length = length;
        }

        static Bits of(ByteBuffer nal) throws Refused {
            ByteBuffer in = nal.duplicate();
            if (in.remaining() < 2 || in.remaining() > MAX_NAL_BYTES) {
                throw new Refused("parameter set of " + in.remaining() + " bytes");
            }
            in.get(); // nal_unit_header
            byte[] out = new byte[in.remaining()];
            int length = 0;
            int zeros = 0;
            while (in.hasRemaining()) {
                byte b = in.get();
                if (zeros >= 2 && b == 3) {
                    zeros = 0; // emulation_prevention_three_byte
                    continue;
                }
                zeros = b == 0 ? zeros + 1 : 0;
                out[length++] = b;
            }
            return new Bits(out, length);
        }

        int u(int count) throws Refused {
            if (position + count > (long) length * 8) {
                throw new Refused("parameter set ends early");
            }
            long value = 0;
            for (int i = 0; i < count; i++, position++) {
                value = value << 1 | (rbsp[(int) (position >> 3)] >> (7 - (position & 7)) & 1);
            }
            return (int) value;
        }

        /** ue(v), refused above {@code max} (the standard's bound for the field being read). */
        int ue(int max) throws Refused {
            int zeros = 0;
            while (u(1) == 0) {
                if (++zeros > 31) {
                    throw new Refused("Exp-Golomb code too long");
                }
            }
            long value = (1L << zeros) - 1 + (zeros == 0 ? 0 : Integer.toUnsignedLong(u(zeros)));
            if (value > max) {
                throw new Refused("value " + value + " above " + max);
            }
            return (int) value;
        }

        int se() throws Refused {
            int code = ue(Integer.MAX_VALUE - 1);
            return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
        }
    }
}
