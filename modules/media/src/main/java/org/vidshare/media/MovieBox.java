package org.vidshare.media;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.vidshare.media.Mp4Probe.MalformedBox;

/**
 * The facts of one in-memory {@code moov} box: the movie header's duration, and per track its
 * handler (video or sound), display size, media duration, sample count and first sample entry.
 * Every child box is checked to lie inside its parent before it is read.
 */
final class MovieBox {
    /** How many bytes one entry of each sample table takes (the tables jcodec allocates by count). */
    private static final Map<String, Integer> TABLE_ENTRY_BYTES = Map.of(
            "stts", 8, "ctts", 8, "stsc", 12, "stss", 4, "stco", 4, "co64", 8, "stps", 4);

    private static final int VISUAL_SAMPLE_ENTRY_BYTES = 78;

    private final ByteBuffer moov;
    private double movieSeconds;
    private Track video;
    private Track audio;

    MovieBox(ByteBuffer moov) {
        this.moov = moov;
    }

    /** What one trak box says. */
    private static final class Track {
        String handler;
        double width;
        double height;
        long timescale;
        long duration;
        long samples;
        String sampleEntry;
        int entryWidth;
        int entryHeight;
        long sampleEntries;
        ByteBuffer avcC;
        long largestSample;
    }

    /**
     * What the decoder will be given: the video track's codec, how many sample entries (stream
     * configurations) it has, the first one's avcC payload (H.264 only, else null) and the largest sample.
     */
    record VideoStream(String codec, long sampleEntries, ByteBuffer avcC, long largestSample) {
    }

    Optional<MediaInfo> info() throws MalformedBox {
        children(moov, (type, box) -> {
            switch (type) {
                case "mvhd" -> movieHeader(box);
                case "trak" -> track(box);
                default -> { }
            }
        });
        if (video == null || video.sampleEntry == null) {
            return Optional.empty();
        }
        int width = (int) Math.round(video.width > 0 ? video.width : video.entryWidth);
        int height = (int) Math.round(video.height > 0 ? video.height : video.entryHeight);
        double trackSeconds = video.timescale > 0 ? (double) video.duration / video.timescale : 0;
        double seconds = movieSeconds > 0 ? movieSeconds : trackSeconds;
        if (!(seconds > 0) || width <= 0 || height <= 0
                || width > MediaInfo.MAX_DIMENSION || height > MediaInfo.MAX_DIMENSION) {
            return Optional.empty();
        }
        Double fps = trackSeconds > 0 && video.samples > 0 ? Math.round(video.samples / trackSeconds * 1000) / 1000.0 : null;
        return Optional.of(new MediaInfo(seconds, width, height, fps, Codecs.fromFourCc(video.sampleEntry),
                audio == null || audio.sampleEntry == null ? null : Codecs.fromFourCc(audio.sampleEntry)));
    }

    /** The video track's stream facts; call after {@link #info()} found a video track. */
    Optional<VideoStream> videoStream() {
        return video == null || video.sampleEntry == null ? Optional.empty()
                : Optional.of(new VideoStream(Codecs.fromFourCc(video.sampleEntry), video.sampleEntries,
                        video.avcC, video.largestSample));
    }

    private void movieHeader(ByteBuffer box) {
        int version = box.get(0) & 0xff;
        long timescale = version == 1 ? Integer.toUnsignedLong(box.getInt(20)) : Integer.toUnsignedLong(box.getInt(12));
        long duration = version == 1 ? box.getLong(24) : Integer.toUnsignedLong(box.getInt(16));
        if (timescale > 0 && duration > 0 && duration != -1L && duration != 0xffffffffL) {
            movieSeconds = (double) duration / timescale;
        }
    }

    private void track(ByteBuffer trak) throws MalformedBox {
        Track track = new Track();
        children(trak, (type, box) -> {
            switch (type) {
                case "tkhd" -> {
                    int version = box.get(0) & 0xff;
                    int sizeAt = version == 1 ? 88 : 76; // after the times, ids, layer, volume and matrix
                    track.width = box.getInt(sizeAt) / 65536.0;
                    track.height = box.getInt(sizeAt + 4) / 65536.0;
                }
                case "mdia" -> media(box, track);
                default -> { }
            }
        });
        if ("vide".equals(track.handler) && video == null) {
            video = track;
        } else if ("soun".equals(track.handler) && audio == null) {
            audio = track;
        }
    }

    private static void media(ByteBuffer mdia, Track track) throws MalformedBox {
        children(mdia, (type, box) -> {
            switch (type) {
                case "mdhd" -> {
                    int version = box.get(0) & 0xff;
                    track.timescale = Integer.toUnsignedLong(box.getInt(version == 1 ? 20 : 12));
                    track.duration = version == 1 ? box.getLong(24) : Integer.toUnsignedLong(box.getInt(16));
                }
                case "hdlr" -> track.handler = Mp4Probe.fourCc(box, 8);
                case "minf" -> children(box, (minfType, minfBox) -> {
                    if (minfType.equals("stbl")) {
                        sampleTable(minfBox, track);
                    }
                });
                default -> { }
            }
        });
    }

    private static void sampleTable(ByteBuffer stbl, Track track) throws MalformedBox {
        children(stbl, (type, box) -> {
            if (type.equals("stsd")) {
                long entries = Integer.toUnsignedLong(box.getInt(4));
                track.sampleEntries = entries;
                if (entries > 0 && box.limit() >= 16) {
                    track.sampleEntry = Mp4Probe.fourCc(box, 12);
                    // A visual sample entry: 8 header, 6 reserved, 2 index, 16 pre-defined, then width, height.
                    if (box.limit() >= 8 + 36) {
                        track.entryWidth = box.getShort(8 + 32) & 0xffff;
                        track.entryHeight = box.getShort(8 + 34) & 0xffff;
                    }
                    track.avcC = avcConfiguration(box);
                }
            } else if (type.equals("stsz")) {
                long sampleSize = Integer.toUnsignedLong(box.getInt(4));
                long count = Integer.toUnsignedLong(box.getInt(8));
                if (sampleSize == 0 && count * 4 > box.limit() - 12) {
                    throw new MalformedBox("stsz lists more samples than it holds");
                }
                track.largestSample = sampleSize;
                for (int i = 0; sampleSize == 0 && i < count; i++) {
                    track.largestSample = Math.max(track.largestSample, Integer.toUnsignedLong(box.getInt(12 + i * 4)));
                }
            } else if (TABLE_ENTRY_BYTES.containsKey(type)) {
                long count = Integer.toUnsignedLong(box.getInt(4));
                if (count * TABLE_ENTRY_BYTES.get(type) > box.limit() - 8) {
                    throw new MalformedBox(type + " lists more entries than it holds");
                }
                if (type.equals("stts")) {
                    long samples = 0;
                    for (int i = 0; i < count; i++) {
                        samples += Integer.toUnsignedLong(box.getInt(8 + i * 8));
                    }
                    track.samples = samples;
                }
            }
        });
    }

    /** The avcC box payload inside an stsd's first entry when that is an H.264 visual sample entry, else null. */
    private static ByteBuffer avcConfiguration(ByteBuffer stsd) {
        String entry = Mp4Probe.fourCc(stsd, 12);
        long entrySize = Integer.toUnsignedLong(stsd.getInt(8));
        // A visual sample entry's own fields take 78 bytes after its 8-byte header; its boxes follow.
        int childrenAt = 8 + 8 + VISUAL_SAMPLE_ENTRY_BYTES;
        if (!(entry.equals("avc1") || entry.equals("avc3")) || entrySize < childrenAt - 8 || entrySize > stsd.limit() - 8) {
            return null;
        }
        ByteBuffer[] found = new ByteBuffer[1];
        try {
            children(stsd.slice(childrenAt, (int) entrySize + 8 - childrenAt), (type, box) -> {
                if (type.equals("avcC") && found[0] == null) {
                    found[0] = box;
                }
            });
        } catch (MalformedBox e) {
            return null; // the facts still stand; only the decoder is not given this stream
        }
        return found[0];
    }

    /** What to do with one child box (its payload as a buffer of its own, index 0 = first payload byte). */
    @FunctionalInterface
    private interface BoxVisitor {
        void visit(String type, ByteBuffer payload) throws MalformedBox;
    }

    /** Visits each child box of {@code parent}, refusing any that does not fit. */
    private static void children(ByteBuffer parent, BoxVisitor visitor) throws MalformedBox {
        int position = 0;
        int end = parent.limit();
        while (end - position >= 8) {
            long size = Integer.toUnsignedLong(parent.getInt(position));
            String type = Mp4Probe.fourCc(parent, position + 4);
            int header = 8;
            if (size == 1) {
                if (end - position < 16) {
                    throw new MalformedBox("short large-size header");
                }
                size = parent.getLong(position + 8);
                header = 16;
            } else if (size == 0) {
                size = end - position;
            }
            if (size < header || size > end - position) {
                throw new MalformedBox(type + " does not fit its parent");
            }
            ByteBuffer payload = parent.slice(position + header, (int) size - header);
            visitor.visit(type, payload);
            position += (int) size;
        }
    }
}
