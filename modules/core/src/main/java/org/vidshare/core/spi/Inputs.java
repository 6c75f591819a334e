package org.vidshare.core.spi;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.vidshare.core.hash.Passwords;

/** Validation of the request values that several commands share: names, passwords, texts. */
public final class Inputs {
    public static final int MAX_NAME_CHARS = 32;

    private Inputs() {
    }

    /**
     * An account name: 1-32 characters after trimming, no control characters. Returned trimmed and
     * in Unicode NFC, so that "é" typed as one character or as "e" plus an accent is one name,
     * never two look-alike accounts.
     */
    public static String accountName(Request request, String key) throws CommandException {
        String name = loginName(request, key);
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            throw Request.invalid(key, "长度必须为 1-32 个字符", "must be 1-32 characters long");
        }
        if (hasControl(name)) {
            throw Request.invalid(key, "不能包含控制字符", "must not contain control characters");
        }
        return name;
    }

    /** A name as a login gives it: trimmed and in NFC like a stored name; not validated further. */
    public static String loginName(Request request, String key) throws CommandException {
        return Normalizer.normalize(request.requireString(key).strip(), Normalizer.Form.NFC);
    }

    /** A password as it travels: the lowercase hex MD5 of the typed password. */
    public static String md5Password(Request request, String key) throws CommandException {
        String value = request.requireString(key);
        if (!Passwords.isMd5Hex(value)) {
            throw Request.invalid(key, "必须是 32 位小写十六进制 MD5", "must be the 32-character lowercase hex MD5 of the password");
        }
        return value;
    }

    /** A text of {@code min}-{@code max} characters after trimming. Returned trimmed. */
    public static String text(Request request, String key, int min, int max) throws CommandException {
        String value = request.requireString(key).strip();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw Request.invalid(key, "长度必须为 " + min + "-" + max + " 个字符", "must be " + min + "-" + max + " characters long");
        }
        return value;
    }

    /** An integer within bounds. */
    public static long range(Request request, String key, long min, long max) throws CommandException {
        long value = request.requireLong(key);
        if (value < min || value > max) {
            throw Request.invalid(key, "必须在 " + min + " 到 " + max + " 之间", "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * A hex digest of exactly {@code hexChars} characters (a fingerprint, a SHA-256), either case.
     * Returned lowercase, so that it compares and names files the same whatever the client sent.
     */
    public static String hexDigest(Request request, String key, int hexChars) throws CommandException {
        String value = request.requireString(key);
        if (value.length() != hexChars || !value.chars().allMatch(Inputs::isAsciiHex)) {
            throw Request.invalid(key, "必须是 " + hexChars + " 位十六进制", "must be " + hexChars + " hex characters");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isAsciiHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Control characters in the wide sense: C0/C1 controls, line and paragraph separators (they
     * break log lines and lists), the bidirectional embedding/override/isolate marks (they make a
     * name or file name display as another: "exe\u202Emp4."), and unpaired surrogates (no UTF-8
     * exists for them). Joiners and other format marks stay allowed: emoji and many scripts need them.
     */
    public static boolean hasControl(String value) {
        return value.codePoints().anyMatch(Inputs::isControl);
    }

    private static boolean isControl(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
            return true;
        }
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    public static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
