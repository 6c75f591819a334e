package org.vidshare.client.swing.model;

import java.util.Locale;

/** The two languages of the client; the wire name is what {@code hello} sends as {@code lang}. */
public enum Lang {
    EN("en"), ZH("zh-CN");

    private final String wire;

    Lang(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Chinese on a Chinese system, English elsewhere. */
    public static Lang systemDefault() {
        return Locale.getDefault().getLanguage().equals(Locale.CHINESE.getLanguage()) ? ZH : EN;
    }

    public static Lang fromWire(String value) {
        for (Lang lang : values()) {
            if (lang.wire.equalsIgnoreCase(value) || lang.name().equalsIgnoreCase(value)) {
                return lang;
            }
        }
        throw new IllegalArgumentException("unknown language " + value);
    }
}
