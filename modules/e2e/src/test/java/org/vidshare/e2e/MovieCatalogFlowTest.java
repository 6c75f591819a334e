package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/** The basic movie flow over the wire: check, upload, list, as an admin and a user see it. */
class MovieCatalogFlowTest extends OneServerPerClass {
    @TempDir
    Path dir;

    @Test
    void adminChecksUploadsAndUsersSeeTheMovie() throws Exception {
        Path file = MovieFiles.random(dir, "flow.mp4", 300_000, 1);
        String fingerprint = Fingerprint.of(file);
        try (VidShareClient admin = server.loggedIn("boss", "admin");
             VidShareClient user = server.loggedIn("alice", "user")) {
            ClientReply check = admin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", 300_000));
            assertThat(check.ok()).as(check.toString()).isTrue();
            assertThat(check.number("offset")).isZero();

            ClientReply upload = admin.upload(MovieFiles.uploadRequest(file, "flow.mp4", false), file, TransferListener.NONE);
            assertThat(upload.ok()).as(upload.toString()).isTrue();
            assertThat(upload.string("sha256")).isEqualTo(MovieFiles.sha256(file));
            long movieId = upload.number("movie_id");
            Path stored = MovieFiles.storedFileWithSha(server.dataDir(), MovieFiles.sha256(file));
            assertThat(stored).isNotNull();
            assertThat(Files.mismatch(stored, file)).isEqualTo(-1);

            ClientReply again = admin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", 300_000));
            assertThat(again.code()).isEqualTo("conflict");
            assertThat(again.number("movie_id")).isEqualTo(movieId);

            ClientReply list = user.call(Map.of("type", "get_movie_list", "movie_type", "all"));
            assertThat(list.ok()).as(list.toString()).isTrue();
            assertThat(list.number("total")).isEqualTo(1);
            JsonNode movie = list.list("movie_list").get(0);
            assertThat(movie.get("id").asLong()).isEqualTo(movieId);
            assertThat(movie.get("name").asText()).isEqualTo("flow.mp4");
            assertThat(movie.get("is_free").asInt()).isZero();
            assertThat(movie.get("price_cents").asLong()).isEqualTo(1000);
            assertThat(movie.get("file_size").asLong()).isEqualTo(300_000);
            assertThat(movie.get("upload_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*[+-Z].*");

            ClientReply asAdmin = admin.call(Map.of("type", "get_movie_list"));
            assertThat(asAdmin.list("movie_list").get(0).get("price_cents").asLong()).isZero();
        }
    }
}
