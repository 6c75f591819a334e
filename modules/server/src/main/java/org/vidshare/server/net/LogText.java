package org.vidshare.server.net;

/**
 * Client text as it may appear in a log line: at most 64 characters, control characters (CR and
 * LF among them) and backslashes escaped, so that no client can forge a line or fill a disk.
 */
final class LogText {
    private static final int MAX_CHARS = 64;

    private LogText() {
    }

    static String of(String text) {
        if (text == null) {
            return "-";
        }
        if (isPlain(text)) {
            // The usual case (a command type, a user name): nothing to escape, nothing to cut.
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean isPlain(String text) {
        if (text.length() > MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Printable ASCII but the backslash: what of() keeps as it is.
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
