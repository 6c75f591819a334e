package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Movies published before media facts and posters existed get both at the next start: a movie
 * whose row has no facts and whose poster is gone (as a V1 database and its storage would be) is
 * probed and given a poster by the background pass, while the server already answers.
 */
class StartupPostersTest {
    @TempDir
    Path dir;

    @Test
    void anOlderMovieGetsItsFactsAndPosterAtStart() throws Exception {
        TestServer server = TestServer.start();
        try {
            long id;
            try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
                id = MovieFiles.upload(admin, TestVideos.h264(dir.resolve("old.mp4"), 480, 270, 25, 25), "old.mp4", true);
                MediaMetadataTest.awaitPoster(admin, id);
            }
            server.close();
            try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
                 Statement sql = db.createStatement()) {
                assertThat(sql.executeUpdate("UPDATE VS_MOVIE SET DURATION_S = NULL, WIDTH = NULL, HEIGHT = NULL,"
                        + " FRAME_RATE = NULL, VIDEO_CODEC = NULL, AUDIO_CODEC = NULL")).isEqualTo(1);
            }
            try (Stream<Path> posters = Files.list(server.dataDir().resolve("thumbnails"))) {
                for (Path poster : posters.toList()) {
                    Files.delete(poster);
                }
            }
            server.restart();
            try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
                MediaMetadataTest.awaitPoster(admin, id);
                JsonNode entry = MediaMetadataTest.entry(admin, id);
                assertThat(entry.path("width").asInt()).isEqualTo(480);
                assertThat(entry.path("height").asInt()).isEqualTo(270);
                assertThat(entry.path("video_codec").asText()).isEqualTo("h264");
                assertThat(admin.fetchFile(Map.of("type", "get_thumbnail", "movie_id", id), dir.resolve("p.jpg"),
                        TransferListener.NONE).code()).isEqualTo("ok");
                assertThat(Files.size(dir.resolve("p.jpg"))).isPositive();
            }
        } finally {
            server.closeAndDelete();
        }
    }
}
