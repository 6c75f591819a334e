package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.DownloadSupport.request;
import static org.vidshare.e2e.MovieFiles.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

@ServerSettings({"download.free-wait-seconds=0", "price.movie-regular-cents=700"})
class CheckDownloadRecordTest extends OneServerPerClass {
    @TempDir
    Path dir;

    @Test
    void everyGrantedDownloadIsListedNewestFirstWithNameAndPrice() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient alice = server.loggedIn("records-alice", "user");
             VidShareClient bob = server.loggedIn("records-bob", "user")) {
            long free = upload(boss, MovieFiles.random(dir, "first.mp4", 5000, 11), true);
            long paid = upload(boss, MovieFiles.random(dir, "second.mp4", 5000, 12), false);
            assertThat(WalletSupport.grant(boss, WalletSupport.userId(alice), 700).ok()).isTrue();
            assertThat(alice.call(Map.of("type", "check_download_record")).list("record_list")).isEmpty();

            assertThat(alice.download(request(free, 0), dir.resolve("1"), TransferListener.NONE).ok()).isTrue();
            assertThat(alice.download(request(paid, 0), dir.resolve("2"), TransferListener.NONE).ok()).isTrue();
            // A resume of a recorded download adds no record (PROTOCOL.md section 7, Resumes).
            assertThat(alice.download(request(paid, 100), dir.resolve("2"), TransferListener.NONE).ok()).isTrue();
            assertThat(alice.call(request(987_654L, 0)).code()).isEqualTo("not_found");
            assertThat(bob.call(request(paid, 0)).code()).isEqualTo("insufficient_balance");

            ClientReply reply = alice.call(Map.of("type", "check_download_record"));
            assertThat(reply.ok()).as("%s", reply).isTrue();
            List<JsonNode> records = reply.list("record_list");
            assertThat(records).extracting(r -> r.get("movie_id").asLong()).containsExactly(paid, free);
            assertThat(records).extracting(r -> r.get("movie_name").asText()).containsExactly("second.mp4", "first.mp4");
            assertThat(records).extracting(r -> r.get("price_cents").asLong()).containsExactly(700L, 0L);
            for (int i = 1; i < records.size(); i++) {
                assertThat(OffsetDateTime.parse(records.get(i - 1).get("download_time").asText()))
                        .isAfterOrEqualTo(OffsetDateTime.parse(records.get(i).get("download_time").asText()));
            }
            // Refused downloads leave no record; each account sees only its own.
            assertThat(bob.call(Map.of("type", "check_download_record")).list("record_list")).isEmpty();
        }
    }

    @Test
    void adminsDownloadsAreRecordedAtNoCost() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            long paid = upload(boss, MovieFiles.random(dir, "admin.mp4", 3000, 13), false);
            assertThat(boss.download(request(paid, 0), dir.resolve("a"), TransferListener.NONE).ok()).isTrue();
            List<JsonNode> records = boss.call(Map.of("type", "check_download_record")).list("record_list");
            assertThat(records).extracting(r -> r.get("movie_id").asLong()).contains(paid);
            assertThat(records).allSatisfy(r -> assertThat(r.get("price_cents").asLong()).isZero());
        }
    }

    @Test
    void withoutLoginItIsNotLoggedIn() throws Exception {
        try (VidShareClient anonymous = server.client()) {
            assertThat(anonymous.call(Map.of("type", "check_download_record")).code()).isEqualTo("not_logged_in");
        }
    }
}
