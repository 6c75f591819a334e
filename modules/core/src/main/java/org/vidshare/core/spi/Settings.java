package org.vidshare.core.spi;

/** Read access to the validated configuration (the keys of README.md, Configure). */
public interface Settings {
    String get(String key);

    long getLong(String key);

    default int getInt(String key) {
        return Math.toIntExact(getLong(key));
    }
}
