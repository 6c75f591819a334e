package org.vidshare.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client text in a log line: as it is when harmless, escaped or cut when it could forge a line or fill a disk. */
class LogTextTest {
    @Test
    void plainTextIsKeptAsItIs() {
        assertThat(LogText.of("get_movie_list")).isEqualTo("get_movie_list");
        assertThat(LogText.of("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(LogText.of("电影")).isEqualTo("电影");
        assertThat(LogText.of(null)).isEqualTo("-");
    }

    @Test
    void lineBreaksControlsAndBackslashesAreEscaped() {
        assertThat(LogText.of("login\n2026-12-01T00:00:00Z INFO forged")).isEqualTo("login\\u000a2026-12-01T00:00:00Z INFO forged");
        assertThat(LogText.of("a\rb\u0000c\u007f")).isEqualTo("a\\u000db\\u0000c\\u007f");
        assertThat(LogText.of("a\\u000a")).isEqualTo("a\\\\u000a");
        assertThat(LogText.of("x\u2028y\u200bz")).isEqualTo("x\\u2028y\\u200bz");
    }

    @Test
    void longTextIsCutAndSaysHowLongItWas() {
        assertThat(LogText.of("b".repeat(65))).isEqualTo("b".repeat(64) + "...(65 chars)");
        assertThat(LogText.of("c\n".repeat(100))).startsWith("c\\u000ac").endsWith("...(200 chars)");
    }
}
