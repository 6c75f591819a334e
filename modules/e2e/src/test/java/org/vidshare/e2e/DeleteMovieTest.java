package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/** delete_movie: a soft delete that hides the movie, keeps its file and frees its content for a re-upload. */
class DeleteMovieTest extends OneServerPerClass {
    @TempDir
    Path dir;

    @Test
    void deletedMoviesLeaveTheListKeepTheirFileAndMayBeUploadedAgain() throws Exception {
        Path file = MovieFiles.random(dir, "doomed.mp4", 80_000, 41);
        String sha256 = MovieFiles.sha256(file);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient user = server.loggedIn("watcher", "user")) {
            long movieId = MovieFiles.upload(admin, file, "doomed.mp4", false);
            assertThat(Uploads.listed(user, "doomed.mp4")).isTrue();

            ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", movieId));
            assertThat(deleted.ok()).as(deleted.toString()).isTrue();
            assertThat(Uploads.listed(user, "doomed.mp4")).isFalse();
            assertThat(Uploads.listed(admin, "doomed.mp4")).as("not even for admins").isFalse();
            Path stored = MovieFiles.storedFileWithSha(server.dataDir(), sha256);
            assertThat(stored).as("the file stays for buyers").isNotNull();

            ClientReply again = admin.call(Map.of("type", "delete_movie", "delete_movie_id", movieId));
            assertThat(again.code()).as("already deleted").isEqualTo("not_found");

            ClientReply reupload = admin.upload(MovieFiles.uploadRequest(file, "reborn.mp4", true), file, TransferListener.NONE);
            assertThat(reupload.ok()).as(reupload.toString()).isTrue();
            assertThat(reupload.number("movie_id")).isNotEqualTo(movieId);
            assertThat(Uploads.listed(user, "reborn.mp4")).isTrue();
            assertThat(Files.exists(stored)).as("the deleted movie's file is still there").isTrue();
        }
    }

    @Test
    void theClassicMovieIdKeyWorksToo() throws Exception {
        Path file = MovieFiles.random(dir, "alias.mp4", 20_000, 42);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long movieId = MovieFiles.upload(admin, file, "alias.mp4", true);
            assertThat(admin.call(Map.of("type", "delete_movie", "movie_id", movieId)).ok()).isTrue();
            assertThat(Uploads.listed(admin, "alias.mp4")).isFalse();
        }
    }

    @Test
    void missingOrInvalidIdsAreRefused() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(admin.call(Map.of("type", "delete_movie", "delete_movie_id", 987_654)).code()).isEqualTo("not_found");
            assertThat(admin.call(Map.of("type", "delete_movie")).code()).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "delete_movie", "delete_movie_id", "x")).code()).isEqualTo("bad_request");
        }
    }

    @Test
    void usersMayNotDelete() throws Exception {
        Path file = MovieFiles.random(dir, "kept.mp4", 20_000, 43);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient user = server.loggedIn("vandal", "user")) {
            long movieId = MovieFiles.upload(admin, file, "kept.mp4", true);
            assertThat(user.call(Map.of("type", "delete_movie", "delete_movie_id", movieId)).code()).isEqualTo("forbidden");
            assertThat(Uploads.listed(user, "kept.mp4")).isTrue();
        }
    }
}
