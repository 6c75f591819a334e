package org.vidshare.media;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ISO base media file (MP4, MOV, M4V, 3GP) for its {@link MediaInfo}, bounded in memory and
 * work whatever the file claims: the top-level boxes are walked by their headers only (the media
 * data is never read), the one box loaded is {@code moov}, at most {@link #MAX_MOOV_BYTES}, and
 * every box inside it must fit its parent. A file that breaks any of that is "not a readable video".
 *
 * <p>Why our own walk and not a library's parser: jcodec's and mp4parser's readers allocate what a
 * header declares (the whole {@code moov} at its stated size; a sample table at its stated count),
 * which is exactly what a crafted file abuses. This reader also checks every sample table's count
 * against its box, so that the decoder (jcodec, for thumbnails) is only given files it can parse
 * within the same bounds.
 */
public final class Mp4Probe {
    /** Real movies' moov boxes are a few MiB even for hours of video; more is refused. */
    public static final int MAX_MOOV_BYTES = 16 << 20;
    /** A walk over more top-level boxes than this is not a movie (each costs a read). */
    private static final int MAX_TOP_LEVEL_BOXES = 4096;
    private static final Set<String> TOP_LEVEL = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "uuid",
            "pdin", "moof", "mfra", "meta", "styp", "sidx", "pnot", "junk");

    private Mp4Probe() {
    }

    /** True when the file starts like an ISO media file (its first box is one such files start with). */
    public static boolean looksLikeIsoMedia(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            return readFully(channel, header, 0) && TOP_LEVEL.contains(fourCc(header, 4));
        }
    }

    /** The file's media facts, or empty when it is not a readable MP4/MOV video. */
    public static Optional<MediaInfo> probe(Path file) throws IOException {
        return read(file).map(Probed::info);
    }

    /** What a decoder of the file's video track would be given, or empty as for {@link #probe}. */
    static Optional<MovieBox.VideoStream> videoStream(Path file) throws IOException {
        return read(file).flatMap(probed -> probed.box().videoStream());
    }

    private record Probed(MediaInfo info, MovieBox box) {
    }

    private static Optional<Probed> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Optional<ByteBuffer> moov = loadMoov(channel);
            if (moov.isEmpty()) {
                return Optional.empty();
            }
            MovieBox box = new MovieBox(moov.get());
            return box.info().map(info -> new Probed(info, box));
        } catch (MalformedBox | BufferUnderflowException | IndexOutOfBoundsException e) {
            // A field past its box's end: malformed like any other.
            return Optional.empty();
        }
    }

    /** The moov box's payload, found by walking headers; empty when there is none or it is too big. */
    private static Optional<ByteBuffer> loadMoov(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(16);
        for (int boxes = 0; boxes < MAX_TOP_LEVEL_BOXES && position + 8 <= fileSize; boxes++) {
            header.clear().limit(8);
            if (!readFully(channel, header, position)) {
                return Optional.empty();
            }
            long size = Integer.toUnsignedLong(header.getInt(0));
            String type = fourCc(header, 4);
            int headerSize = 8;
            if (size == 1) {
                header.limit(16);
                if (!readFully(channel, header.position(8), position + 8)) {
                    return Optional.empty();
                }
                size = header.getLong(8);
                headerSize = 16;
            } else if (size == 0) {
                size = fileSize - position; // "to the end of the file"
            }
            if (!TOP_LEVEL.contains(type) || size < headerSize || size > fileSize - position) {
                return Optional.empty(); // not ISO media, or truncated: the box runs past the end
            }
            if (type.equals("moov")) {
                long payload = size - headerSize;
                if (payload > MAX_MOOV_BYTES) {
                    return Optional.empty();
                }
                ByteBuffer moov = ByteBuffer.allocate((int) payload);
                return readFully(channel, moov, position + headerSize) ? Optional.of(moov.flip()) : Optional.empty();
            }
            position += size;
        }
        return Optional.empty();
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }

    static String fourCc(ByteBuffer buffer, int index) {
        byte[] code = new byte[4];
        for (int i = 0; i < 4; i++) {
            code[i] = buffer.get(index + i);
        }
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    /** A box that does not fit its parent, or a table longer than its box. */
    static final class MalformedBox extends Exception {
        MalformedBox(String why) {
            super(why, null, false, false);
        }
    }
}
