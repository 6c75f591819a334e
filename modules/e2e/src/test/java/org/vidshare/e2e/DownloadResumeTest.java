package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.DownloadSupport.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Resumes (PROTOCOL.md section 7): a non-VIP user waits once per download, not once per
 * reconnect, and a resume adds no download record; a download from the start is a new one,
 * unless the client says it resumes ({@code is_resume}: cut or paused during the wait, no byte
 * yet), which waits only what is left of the first wait.
 */
@ServerSettings({"download.free-wait-seconds=2"})
class DownloadResumeTest extends OneServerPerClass {
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    @Test
    void aResumeWithinTheGraceNeitherWaitsNorAddsARecord() throws Exception {
        Path movie = MovieFiles.random(dir, "resumable.mp4", SIZE, 21);
        long movieId = uploadFree(movie);
        Path target = dir.resolve("resumable.part");
        try (VidShareClient gina = server.loggedIn("resume-gina", "user")) {
            // The first download waits; the user drops it a third of the way in.
            try {
                gina.download(request(movieId, 0), target, (done, total) -> {
                    if (done >= SIZE / 3) {
                        throw new IllegalStateException("cancelled");
                    }
                });
            } catch (IllegalStateException cancelled) {
                // as planned
            }
        }
        long have = Files.size(target);
        assertThat(have).isBetween(1L, (long) SIZE - 1);
        try (VidShareClient gina = server.loggedIn("resume-gina", "user")) {
            ClientReply resumed = gina.download(request(movieId, have), target, TransferListener.NONE);
            assertThat(resumed.ok()).as("%s", resumed).isTrue();
            assertThat(resumed.number("wait_time")).as("no second wait within the grace").isZero();
            assertThat(Files.mismatch(target, movie)).isEqualTo(-1);

            ClientReply records = gina.call(Map.of("type", "check_download_record"));
            assertThat(records.number("total")).as("the resume added no record").isEqualTo(1);

            // A download from the start is a new download: it waits and is recorded.
            ClientReply again = gina.call(request(movieId, 0));
            assertThat(again.number("wait_time")).isEqualTo(2);
        }
        try (VidShareClient gina = server.loggedIn("resume-gina", "user")) {
            assertThat(gina.call(Map.of("type", "check_download_record")).number("total")).isEqualTo(2);
        }
    }

    @Test
    void aDownloadCutDuringItsWaitWaitsOnlyWhatIsLeftWhenTheClientResumesIt() throws Exception {
        Path movie = MovieFiles.random(dir, "paused.mp4", 50_000, 23);
        long movieId = uploadFree(movie);
        Map<String, Object> resume = Map.of("type", "download_movie", "movie_id", movieId, "offset", 0, "is_resume", 1);
        try (VidShareClient ivy = server.loggedIn("resume-ivy", "user")) {
            assertThat(ivy.call(request(movieId, 0)).number("wait_time")).isEqualTo(2);
        } // closed during the wait: no byte arrived, so a resume has offset 0
        Path target = dir.resolve("paused.part");
        try (VidShareClient ivy = server.loggedIn("resume-ivy", "user")) {
            ClientReply resumed = ivy.download(resume, target, TransferListener.NONE);
            assertThat(resumed.ok()).as("%s", resumed).isTrue();
            assertThat(resumed.number("wait_time")).as("what is left of the first wait").isBetween(0L, 2L);
            assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
            assertThat(ivy.call(Map.of("type", "check_download_record")).number("total"))
                    .as("the same download: no second record").isEqualTo(1);

            // The wait is over: resuming it again waits nothing.
            ClientReply again = ivy.download(resume, dir.resolve("again.part"), TransferListener.NONE);
            assertThat(again.number("wait_time")).isZero();
            assertThat(ivy.call(Map.of("type", "check_download_record")).number("total")).isEqualTo(1);
        }
    }

    @Test
    void aResumeOfAMovieNeverDownloadedIsANewDownload() throws Exception {
        Path movie = MovieFiles.random(dir, "fresh.mp4", 5_000, 22);
        long movieId = uploadFree(movie);
        try (VidShareClient hank = server.loggedIn("resume-hank", "user")) {
            ClientReply reply = hank.download(request(movieId, 100), dir.resolve("fresh.part"), TransferListener.NONE);
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.number("wait_time")).isEqualTo(2);
            assertThat(hank.call(Map.of("type", "check_download_record")).number("total")).isEqualTo(1);
        }
        try (VidShareClient jo = server.loggedIn("resume-jo", "user")) {
            // A client's "resume" flag without an earlier download is a new download as well.
            ClientReply reply = jo.download(Map.of("type", "download_movie", "movie_id", movieId, "offset", 0, "is_resume", 1),
                    dir.resolve("fresh2.part"), TransferListener.NONE);
            assertThat(reply.number("wait_time")).isEqualTo(2);
            assertThat(jo.call(Map.of("type", "check_download_record")).number("total")).isEqualTo(1);
        }
    }

    /** Publishes {@code movie} as a free movie (the non-VIP wait applies) and returns its id. */
    private long uploadFree(Path movie) throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            return MovieFiles.upload(boss, movie, true);
        }
    }
}
