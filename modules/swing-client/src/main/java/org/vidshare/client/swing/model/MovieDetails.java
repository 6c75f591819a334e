package org.vidshare.client.swing.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the movie view's detail pane says about one movie, as label and value lines in the window's
 * language: kind and price, size, length, resolution, frame size's shape, codecs and upload time.
 * Facts the server did not read (not a readable video) are left out rather than shown empty.
 */
public final class MovieDetails {
    private MovieDetails() {
    }

    /** One line of the pane: a label and its value (the value is plain text from the server or a format). */
    public record Line(String label, String value) {
    }

    public static List<Line> of(MovieTableModel.Movie movie, Texts texts) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(texts.get("movie.kind"), texts.get(movie.free() ? "movie.free" : "movie.charge")));
        if (!movie.free()) {
            lines.add(new Line(texts.get("movie.price"), Formats.money(movie.priceCents())));
        }
        lines.add(new Line(texts.get("movie.size"), Formats.size(movie.fileSize())));
        if (movie.durationSeconds() != null) {
            lines.add(new Line(texts.get("movie.duration"), Formats.duration(Math.round(movie.durationSeconds()))));
        }
        if (!movie.resolution().isEmpty()) {
            lines.add(new Line(texts.get("movie.resolution"), movie.resolution() + quality(movie.height())));
        }
        if (movie.videoCodec() != null) {
            lines.add(new Line(texts.get("movie.video-codec"), movie.videoCodec().toUpperCase(Locale.ROOT)));
            lines.add(new Line(texts.get("movie.audio-codec"), movie.audioCodec() == null
                    ? texts.get("movie.no-audio") : movie.audioCodec().toUpperCase(Locale.ROOT)));
        } else {
            lines.add(new Line(texts.get("movie.media"), texts.get("movie.no-media")));
        }
        lines.add(new Line(texts.get("movie.date"), Formats.time(movie.uploadTime())));
        return lines;
    }

    /** " (1080p)" for the common heights people know videos by, else nothing. */
    private static String quality(Integer height) {
        return switch (height) {
            case 2160, 1440, 1080, 720, 480, 360 -> " (" + height + "p)";
            default -> "";
        };
    }
}
