package org.vidshare.core.protocol;

import java.util.Optional;

/** The reply languages of docs/protocol.md (Reply shape). */
public enum Language {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The language for a tag as a hello carries it, if it is one the server speaks. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        for (Language language : values()) {
            if (language.tag.equalsIgnoreCase(tag)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
