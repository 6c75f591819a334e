package org.vidshare.media;

import java.util.Locale;
import java.util.Map;

/** Sample-entry four-letter codes to the short names the protocol carries (one table for every reader). */
final class Codecs {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("avc1", "h264"), Map.entry("avc3", "h264"),
            Map.entry("hvc1", "hevc"), Map.entry("hev1", "hevc"),
            Map.entry("av01", "av1"), Map.entry("vp08", "vp8"), Map.entry("vp09", "vp9"),
            Map.entry("mp4v", "mpeg4"), Map.entry("s263", "h263"), Map.entry("jpeg", "mjpeg"),
            Map.entry("mjpa", "mjpeg"), Map.entry("mjpb", "mjpeg"),
            Map.entry("apch", "prores"), Map.entry("apcn", "prores"), Map.entry("apcs", "prores"),
            Map.entry("apco", "prores"), Map.entry("ap4h", "prores"),
            Map.entry("mp4a", "aac"), Map.entry("ac-3", "ac3"), Map.entry("ec-3", "eac3"),
            Map.entry("opus", "opus"), Map.entry("flac", "flac"), Map.entry("alac", "alac"),
            Map.entry("sowt", "pcm"), Map.entry("twos", "pcm"), Map.entry("lpcm", "pcm"),
            Map.entry("ipcm", "pcm"), Map.entry("fpcm", "pcm"), Map.entry(".mp3", "mp3"));

    private Codecs() {
    }

    /** The short name of a sample entry's type, or the type itself (trimmed, lower case) when unknown. */
    static String fromFourCc(String fourCc) {
        String key = fourCc.toLowerCase(Locale.ROOT).trim();
        return NAMES.getOrDefault(key, key.isEmpty() ? null : key);
    }
}
