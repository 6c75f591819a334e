package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.VidShareClient;

/**
 * Issue 13 item 1: a start never deletes a movie file. A file that no movie row names goes to
 * {@code <data.dir>/orphans/} only once it is older than an hour; while the database holds no movie
 * at all (a wrong {@code db.url}, a restored older backup), nothing is moved and the start says why.
 */
class OrphanMoviesTest {
    @TempDir
    Path dir;

    @Test
    void anOldFileWithoutARowIsMovedToOrphansAndAFreshOneStays() throws Exception {
        Path data = dir.resolve("data");
        Path movie = MovieFiles.random(dir, "kept.mp4", 64 * 1024, 13);
        TestServer server = TestServer.startIn(data, Map.of());
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            MovieFiles.upload(admin, movie, true);
        }
        server.close();
        Path published = MovieFiles.storedFileWithSha(data, MovieFiles.sha256(movie));
        assertThat(published).as("the published movie's file").isNotNull();
        Path movies = data.resolve("movies");
        Path fresh = MovieFiles.random(movies, "fresh-orphan.movie", 1000, 1);
        Path old = MovieFiles.random(movies, "old-orphan.movie", 2000, 2);
        String oldSha = MovieFiles.sha256(old);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        server.restart();
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(Uploads.listed(admin, "kept.mp4")).as("the published movie").isTrue();
        } finally {
            server.close();
        }
        assertThat(fresh).as("a file younger than an hour stays: it may be a publish in progress").exists();
        assertThat(published).as("a file its row names").exists();
        assertThat(old).as("the old file without a row").doesNotExist();
        Path moved = data.resolve("orphans").resolve("old-orphan.movie");
        assertThat(moved).as("the old file, moved aside").exists();
        assertThat(MovieFiles.sha256(moved)).as("the moved file's bytes").isEqualTo(oldSha);
        try (var orphans = Files.list(data.resolve("orphans"))) {
            assertThat(orphans.map(p -> p.getFileName().toString())).containsExactly("old-orphan.movie");
        }
    }

    @Test
    void aStartOnADatabaseWithoutMoviesMovesNoFileAndSaysWhy() throws Exception {
        // As after a mistyped db.url: the movie files are there, the database (a new one) knows none.
        Path data = dir.resolve("data");
        Path movies = Files.createDirectories(data.resolve("movies"));
        Path first = MovieFiles.random(movies, "someones-movie.movie", 3000, 3);
        Path second = MovieFiles.random(movies, "another-movie.movie", 4000, 4);
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        Files.setLastModifiedTime(first, longAgo);
        Files.setLastModifiedTime(second, longAgo);
        String firstSha = MovieFiles.sha256(first);

        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--jdbc-url", "jdbc:h2:file:" + dir.resolve("wrong-db").resolve("vidshare"));
        String output;
        try (ServerCli.Serving serving = ServerCli.serve(args)) {
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", serving.port())) {
                client.setReadTimeout(30_000);
                assertThat(client.hello("en").ok()).as("the server serves all the same").isTrue();
            }
            serving.close();
            output = serving.output();
        }
        assertThat(first).as("a file of a movie the database does not know").exists();
        assertThat(second).exists();
        assertThat(MovieFiles.sha256(first)).isEqualTo(firstSha);
        assertThat(data.resolve("orphans")).as("no orphans directory: nothing moved").doesNotExist();
        assertThat(output).as("the start's log").contains("ERROR")
                .contains("the database holds no movies").contains("2 movie files").contains("nothing is moved")
                .contains("db.url");
    }
}
