package org.vidshare.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A JPEG's pixel size from its start-of-frame marker, without decoding it (no java.desktop). */
final class JpegSize {
    private JpegSize() {
    }

    static Optional<int[]> of(Path jpeg) throws IOException {
        try (InputStream file = Files.newInputStream(jpeg); DataInputStream in = new DataInputStream(file)) {
            if (in.readUnsignedShort() != 0xffd8) {
                return Optional.empty();
            }
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xff00) != 0xff00) {
                    return Optional.empty();
                }
                int length = in.readUnsignedShort();
                boolean startOfFrame = marker >= 0xffc0 && marker <= 0xffcf
                        && marker != 0xffc4 && marker != 0xffc8 && marker != 0xffcc;
                if (startOfFrame) {
                    in.readUnsignedByte(); // precision
                    int height = in.readUnsignedShort();
                    int width = in.readUnsignedShort();
                    return Optional.of(new int[] {width, height});
                }
                in.skipNBytes(length - 2L);
            }
        } catch (EOFException e) {
            return Optional.empty();
        }
    }
}
