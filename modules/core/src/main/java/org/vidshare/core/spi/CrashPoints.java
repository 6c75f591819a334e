package org.vidshare.core.spi;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test-only crash injection: with {@code -Dvidshare.test.halt-at=<point>[,<point>...]} the server
 * halts ({@link Runtime#halt}, no shutdown hooks, no finally blocks, nothing flushed by the JVM) the
 * moment it reaches a named point, as a power cut or a {@code kill -9} would stop it there. Crash
 * tests use it to stop the server exactly between two steps that must not be seen apart, instead of
 * hoping a kill lands there. Without the property every {@link #reach} is a no-op (one read of an
 * empty set); the property is read once, when this class loads.
 */
public final class CrashPoints {
    /** The system property naming the armed points. */
    public static final String PROPERTY = "vidshare.test.halt-at";
    /** The exit status of a halt at a crash point, so that a test tells it from any other death. */
    public static final int HALT_STATUS = 86;

    /** upload_movie: some payload bytes are in the partial file, more are still coming. */
    public static final String UPLOAD_MID_PAYLOAD = "upload.mid-payload";
    /** upload_movie: the file is verified and moved into storage, its row written but not committed. */
    public static final String UPLOAD_BEFORE_COMMIT = "upload.before-commit";
    /** upload_movie: the movie's row is committed, the reply not yet sent. */
    public static final String UPLOAD_AFTER_COMMIT = "upload.after-commit";
    /** download_movie of a paid movie: charge, purchase, ledger and record written, not committed. */
    public static final String PURCHASE_BEFORE_COMMIT = "purchase.before-commit";
    /** download_movie of a paid movie: the purchase is committed, the reply not yet sent. */
    public static final String PURCHASE_AFTER_COMMIT = "purchase.after-commit";
    /** download_movie: about half of the file's bytes have left, the rest has not. */
    public static final String DOWNLOAD_MID_PAYLOAD = "download.mid-payload";
    /** release_notice: the notice row is written, not committed. */
    public static final String NOTICE_BEFORE_COMMIT = "notice.before-commit";
    /** release_notice: the notice is committed, the reply not yet sent. */
    public static final String NOTICE_AFTER_COMMIT = "notice.after-commit";

    private static final Set<String> ARMED = parse(System.getProperty(PROPERTY, ""));

    private CrashPoints() {
    }

    /** Halts the JVM at once if {@code point} is armed; otherwise does nothing. */
    public static void reach(String point) {
        if (!ARMED.isEmpty() && ARMED.contains(point)) {
            // One line for the test's log; System.err is unbuffered enough for a line.
            System.err.println("vidshare: halting at crash point " + point);
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** Whether {@code point} is armed, for a caller that must shape its work to reach it (a split send). */
    public static boolean isArmed(String point) {
        return !ARMED.isEmpty() && ARMED.contains(point);
    }

    private static Set<String> parse(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(point -> !point.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
