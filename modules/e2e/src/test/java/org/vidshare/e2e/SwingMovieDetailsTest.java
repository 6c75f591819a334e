package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MovieDetails;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.Texts;

/**
 * The movie view's detail pane (issue 18 item 4), headless: the lines it shows for a real video
 * with a sound track, read from a real server's get_movie_list reply, in both languages; and for
 * a file that is no readable video, which says so instead of showing empty facts.
 */
class SwingMovieDetailsTest extends OneServerPerClass {
    @TempDir
    static Path dir;

    @Test
    void aVideoShowsItsLengthResolutionAndBothCodecs() throws Exception {
        Path video = TestVideos.h264WithPcmAudio(dir.resolve("film.mp4"), 640, 360, 10, 30);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long id = MovieFiles.upload(admin, video, "Film.mp4", false);
            MovieTableModel.Movie movie = listed(admin, id, Lang.EN);

            assertThat(MovieDetails.of(movie, new Texts(Lang.EN))).contains(
                    new MovieDetails.Line("Type", "Paid"),
                    new MovieDetails.Line("Length", "0:03"),
                    new MovieDetails.Line("Resolution", "640×360 (360p)"),
                    new MovieDetails.Line("Video", "H264"),
                    new MovieDetails.Line("Audio", "PCM"));
            assertThat(MovieDetails.of(movie, new Texts(Lang.ZH))).contains(
                    new MovieDetails.Line("时长", "0:03"),
                    new MovieDetails.Line("音频编码", "PCM"));
        }
    }

    @Test
    void aFileThatIsNoVideoSaysSoAndShowsNoEmptyFacts() throws Exception {
        byte[] noise = new byte[4096];
        new Random(18).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            long id = MovieFiles.upload(admin, file, "Noise.mp4", true);
            List<MovieDetails.Line> lines = MovieDetails.of(listed(admin, id, Lang.EN), new Texts(Lang.EN));

            assertThat(lines).contains(new MovieDetails.Line("Type", "Free"),
                    new MovieDetails.Line("Media", "not a readable video"));
            assertThat(lines).extracting(MovieDetails.Line::label).doesNotContain("Length", "Resolution", "Price");
        }
    }

    /** The movie as the client's table model reads it from get_movie_list. */
    private static MovieTableModel.Movie listed(VidShareClient client, long id, Lang lang) throws Exception {
        MovieTableModel model = new MovieTableModel(new Texts(lang));
        model.setReply(client.call(Map.of("type", "get_movie_list", "movie_type", "all", "limit", 500)));
        return model.movies().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }
}
