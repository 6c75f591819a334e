package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Movie media (issue 18) over the wire: an H.264 MP4 the test encodes itself is listed with the
 * duration, size and codec it was made with, and its poster comes back by get_thumbnail as a
 * valid JPEG of at most 320 pixels wide; files that are no readable video publish as before, with
 * no facts and no poster.
 */
class MediaMetadataTest extends OneServerPerClass {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int FPS = 25;
    private static final int FRAMES = 50;
    /** The machine is shared; the poster is made in the background. */
    private static final long POSTER_WAIT_MILLIS = 120_000;

    @TempDir
    static Path dir;

    static Path video;

    @BeforeAll
    static void encode() throws Exception {
        video = TestVideos.h264(dir.resolve("bars.mp4"), WIDTH, HEIGHT, FPS, FRAMES);
    }

    @Test
    void anEncodedVideoIsListedWithTheFactsItWasMadeWith() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long id = MovieFiles.upload(admin, video, "Bars.mp4", true);
            JsonNode entry = entry(admin, id);
            assertThat(entry.path("duration_s").asDouble()).isCloseTo(FRAMES / (double) FPS, within(0.05));
            assertThat(entry.path("width").asInt()).isEqualTo(WIDTH);
            assertThat(entry.path("height").asInt()).isEqualTo(HEIGHT);
            assertThat(entry.path("video_codec").asText()).isEqualTo("h264");
            assertThat(entry.get("audio_codec").isNull()).as("no audio track: %s", entry).isTrue();
            assertThat(entry.get("has_thumbnail").isInt()).isTrue();
        }
    }

    @Test
    void aVideoWithASoundTrackNamesBothCodecsAndStillGetsItsPoster() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path withSound = TestVideos.h264WithPcmAudio(dir.resolve("sound.mp4"), 320, 240, 10, 20);
            long id = MovieFiles.upload(admin, withSound, "Sound.mp4", true);
            JsonNode entry = entry(admin, id);
            assertThat(entry.path("duration_s").asDouble()).as("%s", entry).isCloseTo(2.0, within(0.05));
            assertThat(entry.path("width").asInt()).isEqualTo(320);
            assertThat(entry.path("height").asInt()).isEqualTo(240);
            assertThat(entry.path("video_codec").asText()).isEqualTo("h264");
            assertThat(entry.path("audio_codec").asText()).as("16-bit little-endian PCM ('sowt')").isEqualTo("pcm");
            awaitPoster(admin, id);
        }
    }

    @Test
    void thePosterIsAJpegAtMost320Wide() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path other = TestVideos.h264(dir.resolve("poster.mp4"), WIDTH, HEIGHT, FPS, 30);
            long id = MovieFiles.upload(admin, other, "Poster.mp4", true);
            awaitPoster(admin, id);
            try (VidShareClient user = server.loggedIn("viewer", "user")) {
                Path jpeg = dir.resolve("poster-" + id + ".jpg");
                ClientReply reply = user.fetchFile(Map.of("type", "get_thumbnail", "movie_id", id), jpeg,
                        TransferListener.NONE);
                assertThat(reply.ok()).as(reply.toString()).isTrue();
                assertThat(reply.string("content_type")).isEqualTo("image/jpeg");
                assertThat(reply.number("file_size")).isEqualTo(Files.size(jpeg));
                assertThat(reply.number("width")).isEqualTo(320);
                assertThat(reply.number("height")).isEqualTo(180);
                BufferedImage image = ImageIO.read(jpeg.toFile());
                assertThat(image).as("ImageIO decodes the poster").isNotNull();
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(180);
                // The encoded gradient: red grows to the right, green downwards (away from the bar,
                // which starts at the left edge).
                int topLeft = image.getRGB(110, 5);
                int bottomRight = image.getRGB(310, 175);
                assertThat((bottomRight >> 16) & 0xff).isGreaterThan(((topLeft >> 16) & 0xff) + 100);
                assertThat((bottomRight >> 8) & 0xff).isGreaterThan(((topLeft >> 8) & 0xff) + 100);
                // The connection is usable after the payload.
                assertThat(user.call(Map.of("type", "ping")).ok()).isTrue();
            }
        }
    }

    @Test
    void randomBytesNamedMp4PublishWithoutFacts() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path noise = MovieFiles.random(dir, "noise.mp4", 200_000, 18);
            assertNoFacts(admin, MovieFiles.upload(admin, noise, "noise.mp4", true));
        }
    }

    @Test
    void aTruncatedMp4PublishesWithoutFacts() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path source = TestVideos.h264(dir.resolve("cut-source.mp4"), 320, 240, FPS, 20);
            long size = Files.size(source);
            // Half the file (the movie box, written last, is gone), and all but its last bytes (it runs past the end).
            Path half = TestVideos.truncated(source, dir.resolve("half.mp4"), size / 2);
            Path almost = TestVideos.truncated(source, dir.resolve("almost.mp4"), size - 10);
            assertNoFacts(admin, MovieFiles.upload(admin, half, "half.mp4", true));
            assertNoFacts(admin, MovieFiles.upload(admin, almost, "almost.mp4", true));
        }
    }

    @Test
    void aDeletedMoviesPosterIsOnlyForThoseWhoHadIt() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            Path other = TestVideos.h264(dir.resolve("gone.mp4"), 320, 240, FPS, 20);
            long id = MovieFiles.upload(admin, other, "Gone.mp4", true);
            awaitPoster(admin, id);
            try (VidShareClient user = server.loggedIn("latecomer", "user")) {
                assertThat(user.call(Map.of("type", "delete_movie", "delete_movie_id", id)).code())
                        .isNotEqualTo("ok");
                assertThat(admin.call(Map.of("type", "delete_movie", "delete_movie_id", id)).ok()).isTrue();
                ClientReply reply = user.call(Map.of("type", "get_thumbnail", "movie_id", id));
                assertThat(reply.code()).isEqualTo("not_found");
                assertThat(user.call(Map.of("type", "ping")).ok()).isTrue();
            }
        }
    }

    @Test
    void aMovieThatIsNoneIsNotFound() throws Exception {
        try (VidShareClient user = server.loggedIn("seeker", "user")) {
            assertThat(user.call(Map.of("type", "get_thumbnail", "movie_id", 987_654)).code()).isEqualTo("not_found");
        }
    }

    private static void assertNoFacts(VidShareClient admin, long id) throws Exception {
        JsonNode entry = entry(admin, id);
        for (String key : new String[] {"duration_s", "width", "height", "video_codec", "audio_codec"}) {
            assertThat(entry.has(key)).as("%s present in %s", key, entry).isTrue();
            assertThat(entry.get(key).isNull()).as("%s of %s", key, entry).isTrue();
        }
        assertThat(entry.path("has_thumbnail").asInt()).isZero();
        assertThat(admin.call(Map.of("type", "get_thumbnail", "movie_id", id)).code()).isEqualTo("not_found");
    }

    static JsonNode entry(VidShareClient client, long id) throws Exception {
        return find(client, id).orElseThrow(() -> new AssertionError("movie " + id + " not listed"));
    }

    private static Optional<JsonNode> find(VidShareClient client, long id) throws Exception {
        ClientReply list = client.call(Map.of("type", "get_movie_list"));
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().filter(m -> m.path("id").asLong() == id).findFirst();
    }

    static void awaitPoster(VidShareClient client, long id) throws Exception {
        long deadline = System.currentTimeMillis() + POSTER_WAIT_MILLIS;
        while (entry(client, id).path("has_thumbnail").asInt() != 1) {
            assertThat(System.currentTimeMillis()).as("poster of movie %d made in time", id).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
