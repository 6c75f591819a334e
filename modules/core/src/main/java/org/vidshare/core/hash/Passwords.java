package org.vidshare.core.hash;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/** The password as it travels: the lowercase hex MD5 of what the person typed (as the original clients). */
public final class Passwords {
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

    private Passwords() {
    }

    public static String md5Hex(String plain) {
        return DigestUtils.md5Hex(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isMd5Hex(String value) {
        return value != null && MD5_HEX.matcher(value).matches();
    }
}
