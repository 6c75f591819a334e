package org.vidshare.client.swing.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Local file names for downloads, safe on every OS whatever name the server sends: at most 255
 * UTF-8 bytes (the common limit of a name on Linux, macOS and Windows), no path separators or
 * characters Windows refuses, no C0/C1 controls, no bidi or other format characters (which could
 * make {@code evil\u202Efdp.exe} look like {@code evil.pdf}), no trailing dots or spaces, no
 * reserved device names ({@code CON}, {@code NUL.mp4}). The partial of a download is derived
 * from its target and the movie id, within the same limit, so two movies of the same name never
 * share one.
 */
public final class DownloadNames {
    /** Bytes of one file name on the file systems we run on (ext4, APFS, NTFS in UTF-16 is more). */
    public static final int MAX_NAME_BYTES = 255;
    private static final int MAX_EXTENSION_BYTES = 16;
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3", "CONIN$", "CONOUT$");

    private DownloadNames() {
    }

    /** The server's movie name as a safe local file name (never empty). */
    public static String safeName(String serverName, long movieId) {
        String name = truncate(clean(serverName == null ? "" : serverName), MAX_NAME_BYTES);
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return "movie-" + movieId;
        }
        if (RESERVED.contains(deviceStem(name))) {
            // Windows opens the device for CON, NUL.mp4, "COM1 .txt"... whatever follows the stem.
            name = truncate("_" + name, MAX_NAME_BYTES);
        }
        return name;
    }

    /**
     * Where a download of the movie goes in {@code dir}: its safe name, or, when a file of that name
     * is there already (another movie of the same name, or a name that differs only in case on a
     * case-insensitive disk) or {@code taken} says a running download of another movie writes
     * there, the name with the movie id before the extension.
     */
    public static Path target(Path dir, String serverName, long movieId, Predicate<Path> taken) {
        String name = safeName(serverName, movieId);
        Path target = dir.resolve(name);
        if (!Files.exists(target) && !taken.test(target)) {
            return target;
        }
        int dot = extensionDot(name);
        String suffix = " (" + movieId + ")" + (dot < 0 ? "" : name.substring(dot));
        String base = dot < 0 ? name : name.substring(0, dot);
        return dir.resolve(trimEnd(truncate(base, MAX_NAME_BYTES - bytes(suffix))) + suffix);
    }

    /**
     * The partial of a download into {@code target}: the target's name shortened so that
     * {@code .<movieId>.part} fits in the limit, beside the target.
     */
    public static Path partFile(Path target, long movieId) {
        String suffix = "." + movieId + ".part";
        String name = target.getFileName().toString();
        return target.resolveSibling(truncate(name, MAX_NAME_BYTES - bytes(suffix)) + suffix);
    }

    /** Every character that is unsafe somewhere becomes {@code _}; then the ends Windows strips go. */
    private static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> out.appendCodePoint(unsafe(cp) ? '_' : cp));
        return trimEnd(out.toString().strip());
    }

    private static boolean unsafe(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || "\\/:*?\"<>|".indexOf(cp) >= 0) {
            return true;
        }
        int type = Character.getType(cp);
        // FORMAT covers the bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) and zero-width ones.
        return type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Windows drops trailing dots and spaces: "movie." and "movie" would be one file. */
    private static String trimEnd(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(0, end);
    }

    /** The part before the first dot, without trailing spaces, upper case: what Windows compares. */
    private static String deviceStem(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
    }

    /** The dot of a short extension ("name.mp4"), or -1. */
    private static int extensionDot(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && bytes(name.substring(dot)) <= MAX_EXTENSION_BYTES ? dot : -1;
    }

    /**
     * At most {@code max} UTF-8 bytes, cut between code points, keeping a short extension: the base
     * is shortened, not the ".mp4".
     */
    static String truncate(String name, int max) {
        if (bytes(name) <= max) {
            return name;
        }
        int dot = extensionDot(name);
        String extension = dot < 0 ? "" : name.substring(dot);
        String base = dot < 0 ? name : name.substring(0, dot);
        int budget = max - bytes(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = bytes(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return trimEnd(kept.toString()) + extension;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
