package org.vidshare.plugin.getmovielist;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.domain.Movie;
import org.vidshare.domain.WireTime;

/** What the list shows of one movie, without the entity: small enough to keep thousands in memory. */
record MovieRow(long id, String name, String lowerName, boolean free, long fileSize, long uploadTime,
                String uploadTimeText, Double durationSeconds, Integer width, Integer height, String videoCodec,
                String audioCodec, boolean hasThumbnail) {

    static MovieRow of(Movie movie, MovieStorage storage) {
        return new MovieRow(movie.getId(), movie.getName(), movie.getName().toLowerCase(Locale.ROOT), movie.isFree(),
                movie.getFileSize(), movie.getUploadTime(), WireTime.format(movie.getUploadTime()),
                movie.getDurationSeconds(), movie.getWidth(), movie.getHeight(), movie.getVideoCodec(),
                movie.getAudioCodec(),
                // The poster exists once it was made (media facts are null for a file that is no readable video).
                movie.hasMedia() && Files.exists(storage.posterOf(movie.getStoredName())));
    }

    /** Whether the row matches a search: {@code query} is already lower-cased (Locale.ROOT), "" matches all. */
    boolean matches(String query) {
        return query.isEmpty() || lowerName.contains(query);
    }

    Map<String, Object> toWire(long priceCents, boolean owned) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", name);
        entry.put("is_free", free ? 1 : 0);
        entry.put("price_cents", priceCents);
        entry.put("is_owned", owned ? 1 : 0);
        entry.put("file_size", fileSize);
        entry.put("upload_time", uploadTimeText);
        entry.put("duration_s", durationSeconds);
        entry.put("width", width);
        entry.put("height", height);
        entry.put("video_codec", videoCodec);
        entry.put("audio_codec", audioCodec);
        entry.put("has_thumbnail", hasThumbnail ? 1 : 0);
        return entry;
    }
}
