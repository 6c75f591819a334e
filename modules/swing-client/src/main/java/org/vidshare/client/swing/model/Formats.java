package org.vidshare.client.swing.model;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Sizes, money, rates, durations and times as the tables show them. */
public final class Formats {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** 1536 → "1.5 KiB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** Integer cents → "10.00". */
    public static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
    }

    public static String rate(double bytesPerSecond) {
        return bytesPerSecond <= 0 ? "" : size((long) bytesPerSecond) + "/s";
    }

    /** Seconds → "1:05" or "1:02:03"; negative means unknown. */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "";
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /** An ISO-8601 wire time in this machine's zone, or the text as is when it is not one. */
    public static String time(String wire) {
        if (wire == null || wire.isBlank()) {
            return "";
        }
        try {
            return OffsetDateTime.parse(wire).atZoneSameInstant(ZoneId.systemDefault()).format(LOCAL);
        } catch (DateTimeParseException e) {
            return wire;
        }
    }

    /**
     * A reply cell by its key, after the protocol's naming: {@code *_cents} is money,
     * {@code *_time} a wire time, {@code file_size} bytes, {@code is_*} yes/no.
     */
    public static String cell(String key, String value, Texts texts) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        try {
            if (key.endsWith("_cents")) {
                return money(Long.parseLong(value));
            }
            if (key.equals("file_size")) {
                return size(Long.parseLong(value));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        if (key.endsWith("_time") || key.equals("time")) {
            return time(value);
        }
        // Words the server sends as codes: ledger kinds and account roles, in the client's language.
        if (key.equals("kind") && Texts.defines("kind." + value)) {
            return texts.get("kind." + value);
        }
        if ((key.equals("user_type") || key.equals("role")) && Texts.defines("role." + value)) {
            return texts.get("role." + value);
        }
        if (key.startsWith("is_") && (value.equals("0") || value.equals("1"))) {
            return texts.get(value.equals("1") ? "wallet.vip.yes" : "wallet.vip.no");
        }
        return value;
    }

    /** A column title for a reply key: the client's word when it has one, else the key. */
    public static String column(String key, Texts texts) {
        return texts.has("col." + key) ? texts.get("col." + key) : key;
    }
}
