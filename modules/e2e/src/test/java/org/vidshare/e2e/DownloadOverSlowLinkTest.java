package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.DownloadSupport.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * The client library's plain download fills its 1 MiB buffer before each file write (few large
 * writes on a fast link), but never holds bytes long: over a slow link what has come is written,
 * and reported, at least about every 100 ms, and a link cut mid-way leaves every byte that came
 * in the file for the resume.
 */
@ServerSettings({"download.free-wait-seconds=0"})
class DownloadOverSlowLinkTest extends OneServerPerClass {
    private static final int SIZE = 1 << 20;
    /** 2 s for the movie: a buffer step (total / 8 = 128 KiB) takes 250 ms to fill. */
    private static final long RATE = 512 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSlowDownloadReportsProgressOftenerThanItsBufferFills() throws Exception {
        Path movie = MovieFiles.random(dir, "slow.mp4", SIZE, 61);
        long movieId = publishFree(movie);
        Path target = dir.resolve("slow.part");
        List<Long> progress = new ArrayList<>();
        try (ThrottledRelay relay = new ThrottledRelay(server.port(), 0, RATE);
             VidShareClient user = Nodes.loggedIn(relay.port(), "slow-link-sam", "user")) {
            ClientReply reply = user.download(request(movieId, 0), target, (done, total) -> progress.add(done));
            assertThat(reply.ok()).as("%s", reply).isTrue();
        }
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
        assertThat(progress).isSorted().endsWith((long) SIZE);
        // Eight full buffers would give eight reports; bytes held at most 100 ms give about twenty.
        assertThat(progress).as("progress reports over a 2 s download").hasSizeGreaterThan(12);
    }

    @Test
    void aLinkCutMidwayLeavesEveryByteThatCameInTheFile() throws Exception {
        Path movie = MovieFiles.random(dir, "cut.mp4", SIZE, 62);
        long movieId = publishFree(movie);
        Path target = dir.resolve("cut.part");
        ThrottledRelay relay = new ThrottledRelay(server.port(), 0, RATE);
        long[] reported = {0};
        try (relay; VidShareClient user = Nodes.loggedIn(relay.port(), "cut-link-cal", "user")) {
            user.download(request(movieId, 0), target, (done, total) -> {
                reported[0] = done;
                if (done >= SIZE / 3) {
                    // The link goes away a third of the way in, mid-buffer.
                    try {
                        relay.close();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            throw new AssertionError("the download ended although its link was cut");
        } catch (java.io.IOException cut) {
            // as planned
        }
        long kept = Files.size(target);
        assertThat(kept).isBetween(reported[0], (long) SIZE - 1);
        assertThat(Files.mismatch(target, movie)).as("the bytes kept are the movie's").isEqualTo(kept);
        try (VidShareClient user = Nodes.loggedIn(server.port(), "cut-link-cal", "user")) {
            ClientReply resumed = user.download(request(movieId, kept), target, (done, total) -> { });
            assertThat(resumed.ok()).as("%s", resumed).isTrue();
        }
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
    }

    private static long publishFree(Path movie) throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            return MovieFiles.upload(boss, movie, true);
        }
    }
}
