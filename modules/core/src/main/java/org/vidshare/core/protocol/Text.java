package org.vidshare.core.protocol;

import java.util.Objects;

/** A user-facing text in the two languages the protocol speaks. */
public record Text(String zh, String en) {
    public Text {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static Text of(String zh, String en) {
        return new Text(zh, en);
    }

    public String in(Language language) {
        return language == Language.EN ? en : zh;
    }
}
