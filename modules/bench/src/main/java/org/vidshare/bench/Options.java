package org.vidshare.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's {@code --name value} pairs, each with its default where it is read. */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
}
