package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Crafted MP4s cannot hang or exhaust the server that reads them: the packaged server, a child JVM
 * with a 64 MiB heap that exits on OutOfMemoryError, publishes files whose boxes claim exabytes and
 * a sample table that claims two billion entries, each with no media facts, and a real movie whose
 * SPS claims a 16,384 x 16,384 picture (its facts, no poster: jcodec would allocate by the SPS),
 * answers at once, and still reads a real video's facts and makes its poster afterwards.
 */
class MediaMemoryTest {
    @TempDir
    Path dir;

    @Test
    void hugeBoxesNeitherHangNorFillA64MegabyteHeap() throws Exception {
        List<Path> crafted = List.of(
                TestVideos.hugeBox(dir.resolve("moov-huge.mp4"), "moov", 1L << 62),
                TestVideos.hugeBox(dir.resolve("moov-2g.mp4"), "moov", Integer.MAX_VALUE + 16L),
                TestVideos.hugeBox(dir.resolve("mdat-huge.mp4"), "mdat", Long.MAX_VALUE),
                TestVideos.hugeSampleTable(dir.resolve("stsz-huge.mp4")));
        Path video = TestVideos.h264(dir.resolve("real.mp4"), 640, 360, 25, 25);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        ServerCli.Serving server = UploadMemoryTest.smallHeapServer(dataDir);
        try (VidShareClient admin = UploadMemoryTest.firstAdmin(server)) {

            for (Path file : crafted) {
                ClientReply upload = admin.upload(MovieFiles.uploadRequest(file, file.getFileName().toString(), true),
                        file, TransferListener.NONE);
                assertThat(upload.ok()).as("%s: %s", file.getFileName(), upload).isTrue();
                JsonNode entry = MediaMetadataTest.entry(admin, upload.number("movie_id"));
                assertThat(entry.get("width").isNull()).as("%s", entry).isTrue();
                assertThat(entry.get("duration_s").isNull()).as("%s", entry).isTrue();
                assertThat(entry.path("has_thumbnail").asInt()).isZero();
            }
            // Its boxes say 640x360 but its SPS a 16,384 x 16,384 picture: 400 MiB of planes for jcodec.
            Path hugeSps = TestVideos.withCodedSize(video, dir.resolve("sps-huge.mp4"), 1024, 1024);
            long hugeSpsId = MovieFiles.upload(admin, hugeSps, "sps-huge.mp4", true);
            long id = MovieFiles.upload(admin, video, "real.mp4", true);
            // One poster thread, first come first served: the real video's poster comes after the crafted one's try.
            MediaMetadataTest.awaitPoster(admin, id);
            JsonNode lying = MediaMetadataTest.entry(admin, hugeSpsId);
            assertThat(lying.path("width").asInt()).as("the container's facts stand: %s", lying).isEqualTo(640);
            assertThat(lying.path("has_thumbnail").asInt()).as("no poster from a picture this heap cannot hold").isZero();
            JsonNode entry = MediaMetadataTest.entry(admin, id);
            assertThat(entry.path("width").asInt()).isEqualTo(640);
            assertThat(entry.path("height").asInt()).isEqualTo(360);
            assertThat(admin.call(Map.of("type", "ping")).ok()).isTrue();
        } finally {
            assertThat(server.isAlive()).as("the 64 MiB server survived").isTrue();
            server.close();
        }
    }
}
