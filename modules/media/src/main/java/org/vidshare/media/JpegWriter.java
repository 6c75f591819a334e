package org.vidshare.media;

import java.io.ByteArrayOutputStream;

/**
 * A baseline JPEG encoder (JFIF, YCbCr 4:4:4, the standard tables of ITU T.81 Annex K), so that
 * posters are made without java.desktop's ImageIO: the server never needs java.desktop. Thumbnails
 * are at most 320 pixels wide, so clarity beats speed here: a plain separable DCT.
 */
final class JpegWriter {
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    private static final int[] LUMA_QUANT = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    private static final int[] CHROMA_QUANT = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    // Huffman tables as (counts of codes per length 1..16, symbols).
    private static final int[] DC_LUMA_COUNTS = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] DC_CHROMA_COUNTS = {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final int[] DC_SYMBOLS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] AC_LUMA_COUNTS = {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d};
    private static final int[] AC_LUMA_SYMBOLS = {
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
        0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
        0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37,
        0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
        0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
        0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
        0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};
    private static final int[] AC_CHROMA_COUNTS = {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77};
    private static final int[] AC_CHROMA_SYMBOLS = {
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
        0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
        0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36,
        0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
        0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
        0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,
        0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
        0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};
    private static final double[][] COSINES = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COSINES[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegWriter() {
    }

    /** One picture in full-range YCbCr (JFIF), each plane width*height samples of 0..255. */
    record Planes(int width, int height, int[] y, int[] cb, int[] cr) {
    }

    /** The JPEG file of the picture at {@code quality} (1..100, 75 is typical). */
    static byte[] encode(Planes picture, int quality) {
        int[] lumaQ = scaled(LUMA_QUANT, quality);
        int[] chromaQ = scaled(CHROMA_QUANT, quality);
        Huffman dcLuma = new Huffman(DC_LUMA_COUNTS, DC_SYMBOLS);
        Huffman acLuma = new Huffman(AC_LUMA_COUNTS, AC_LUMA_SYMBOLS);
        Huffman dcChroma = new Huffman(DC_CHROMA_COUNTS, DC_SYMBOLS);
        Huffman acChroma = new Huffman(AC_CHROMA_COUNTS, AC_CHROMA_SYMBOLS);

        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        headers(out, picture, lumaQ, chromaQ);
        BitWriter bits = new BitWriter(out);
        int[] previousDc = new int[3];
        int[] block = new int[64];
        for (int by = 0; by < picture.height(); by += 8) {
            for (int bx = 0; bx < picture.width(); bx += 8) {
                int[][] planes = {picture.y(), picture.cb(), picture.cr()};
                for (int c = 0; c < 3; c++) {
                    quantizedDct(planes[c], picture.width(), picture.height(), bx, by, c == 0 ? lumaQ : chromaQ, block);
                    previousDc[c] = encodeBlock(bits, block, previousDc[c], c == 0 ? dcLuma : dcChroma,
                            c == 0 ? acLuma : acChroma);
                }
            }
        }
        bits.flush();
        out.write(0xff);
        out.write(0xd9); // EOI
        return out.toByteArray();
    }

    private static int[] scaled(int[] table, int quality) {
        int q = Math.max(1, Math.min(100, quality));
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        int[] result = new int[64];
        for (int i = 0; i < 64; i++) {
            result[i] = Math.max(1, Math.min(255, (table[i] * scale + 50) / 100));
        }
        return result;
    }

    private static void headers(ByteArrayOutputStream out, Planes picture, int[] lumaQ, int[] chromaQ) {
        out.write(0xff);
        out.write(0xd8); // SOI
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        for (int table = 0; table < 2; table++) {
            int[] q = table == 0 ? lumaQ : chromaQ;
            out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xdb, 0, 67, (byte) table});
            for (int i = 0; i < 64; i++) {
                out.write(q[ZIGZAG[i]]);
            }
        }
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 17, 8,
            (byte) (picture.height() >> 8), (byte) picture.height(), (byte) (picture.width() >> 8), (byte) picture.width(), 3,
            1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1});
        huffmanTable(out, 0x00, DC_LUMA_COUNTS, DC_SYMBOLS);
        huffmanTable(out, 0x10, AC_LUMA_COUNTS, AC_LUMA_SYMBOLS);
        huffmanTable(out, 0x01, DC_CHROMA_COUNTS, DC_SYMBOLS);
        huffmanTable(out, 0x11, AC_CHROMA_COUNTS, AC_CHROMA_SYMBOLS);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0});
    }

    private static void huffmanTable(ByteArrayOutputStream out, int classAndId, int[] counts, int[] symbols) {
        int symbolCount = 0;
        for (int count : counts) {
            symbolCount += count;
        }
        int length = 2 + 1 + 16 + symbolCount;
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc4, (byte) (length >> 8), (byte) length, (byte) classAndId});
        for (int count : counts) {
            out.write(count);
        }
        for (int i = 0; i < symbolCount; i++) {
            out.write(symbols[i]);
        }
    }

    /** The 8x8 block at (bx, by) of one plane (edges repeated), transformed and quantized, in natural order. */
    private static void quantizedDct(int[] plane, int width, int height, int bx, int by, int[] quant, int[] result) {
        double[] samples = new double[64];
        for (int y = 0; y < 8; y++) {
            int row = Math.min(by + y, height - 1) * width;
            for (int x = 0; x < 8; x++) {
                samples[y * 8 + x] = plane[row + Math.min(bx + x, width - 1)] - 128;
            }
        }
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += samples[y * 8 + x] * COSINES[x][u] * COSINES[y][v];
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                result[v * 8 + u] = (int) Math.round(0.25 * cu * cv * sum / quant[v * 8 + u]);
            }
        }
    }

    /** Writes one block's DC difference and AC run lengths; returns its DC for the next block. */
    private static int encodeBlock(BitWriter bits, int[] block, int previousDc, Huffman dc, Huffman ac) {
        int diff = block[0] - previousDc;
        int dcBits = magnitudeBits(diff);
        dc.write(bits, dcBits);
        bits.write(magnitude(diff, dcBits), dcBits);
        int zeros = 0;
        for (int i = 1; i < 64; i++) {
            int value = block[ZIGZAG[i]];
            if (value == 0) {
                zeros++;
                continue;
            }
            while (zeros >= 16) {
                ac.write(bits, 0xf0); // sixteen zeros
                zeros -= 16;
            }
            int size = magnitudeBits(value);
            ac.write(bits, (zeros << 4) | size);
            bits.write(magnitude(value, size), size);
            zeros = 0;
        }
        if (zeros > 0) {
            ac.write(bits, 0x00); // end of block
        }
        return block[0];
    }

    private static int magnitudeBits(int value) {
        int magnitude = Math.abs(value);
        return magnitude == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(magnitude);
    }

    private static int magnitude(int value, int size) {
        return value >= 0 ? value : value + (1 << size) - 1;
    }

    /** A canonical Huffman code built from a table's counts per length. */
    private static final class Huffman {
        private final int[] codes = new int[256];
        private final int[] lengths = new int[256];

        Huffman(int[] counts, int[] symbols) {
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                for (int i = 0; i < counts[length - 1]; i++) {
                    codes[symbols[k]] = code++;
                    lengths[symbols[k]] = length;
                    k++;
                }
                code <<= 1;
            }
        }

        void write(BitWriter bits, int symbol) {
            bits.write(codes[symbol], lengths[symbol]);
        }
    }

    /** Entropy-coded bits, MSB first, with the 0xFF byte stuffing JPEG requires. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private int buffer;
        private int count;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int value, int length) {
            for (int i = length - 1; i >= 0; i--) {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8) {
                    emit();
                }
            }
        }

        void flush() {
            while (count != 0) {
                write(1, 1); // pad with ones
            }
        }

        private void emit() {
            out.write(buffer);
            if (buffer == 0xff) {
                out.write(0);
            }
            buffer = 0;
            count = 0;
        }
    }
}
