package org.vidshare.plugin.getmovielist;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vidshare.core.protocol.EncodedObject;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.domain.Movie;
import org.vidshare.domain.WireTime;

/**
 * What the list shows of one movie, without the entity: small enough to keep thousands in memory.
 * The fields that are the same for every caller are encoded once, when the row is read ({@code wire}:
 * writing them field by field for every request cost about a third of a list request's server CPU);
 * the caller's price and is_owned go after them.
 */
record MovieRow(long id, String lowerName, boolean free, long uploadTime, EncodedObject wire) {

    static MovieRow of(Movie movie, MovieStorage storage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", movie.getId());
        entry.put("name", movie.getName());
        entry.put("is_free", movie.isFree() ? 1 : 0);
        entry.put("file_size", movie.getFileSize());
        entry.put("upload_time", WireTime.format(movie.getUploadTime()));
        entry.put("duration_s", movie.getDurationSeconds());
        entry.put("width", movie.getWidth());
        entry.put("height", movie.getHeight());
        entry.put("video_codec", movie.getVideoCodec());
        entry.put("audio_codec", movie.getAudioCodec());
        // The poster exists once it was made (media facts are null for a file that is no readable video).
        entry.put("has_thumbnail", movie.hasMedia() && Files.exists(storage.posterOf(movie.getStoredName())) ? 1 : 0);
        return new MovieRow(movie.getId(), movie.getName().toLowerCase(Locale.ROOT), movie.isFree(),
                movie.getUploadTime(), EncodedObject.of(entry));
    }

    /** Whether the row matches a search: {@code query} is already lower-cased (Locale.ROOT), "" matches all. */
    boolean matches(String query) {
        return query.isEmpty() || lowerName.contains(query);
    }
}
