package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.DownloadSupport.request;
import static org.vidshare.e2e.MovieFiles.upload;
import static org.vidshare.e2e.WalletSupport.grant;
import static org.vidshare.e2e.WalletSupport.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * get_movie_list serves its list and the caller's prices from memory: every change made through this
 * server shows in the very next list, without waiting for the cache to expire (the list is asked
 * first, so a copy is in memory when each change happens).
 */
@ServerSettings({"download.free-wait-seconds=0", "price.vip-cents=3000", "price.movie-vip-cents=500",
        "price.movie-regular-cents=1000"})
class MovieListCacheTest extends OneServerPerClass {
    @TempDir
    Path dir;

    @Test
    void uploadPurchaseVipAndDeleteShowInTheNextList() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient user = server.loggedIn("cache-user", "user")) {
            assertThat(entry(user, "cached-paid.mp4")).isEmpty();
            long paid = upload(admin, MovieFiles.random(dir, "cached-paid.mp4", 4096, 7), false);
            assertThat(entry(user, "cached-paid.mp4")).as("listed right after its upload").isPresent()
                    .get().extracting(m -> m.get("price_cents").asLong()).isEqualTo(1000L);

            long free = upload(admin, MovieFiles.random(dir, "cached-free.mp4", 4096, 8), true);
            assertThat(entry(user, "cached-free.mp4")).isPresent();
            assertThat(grant(admin, userId(user), 1000).ok()).isTrue();
            ClientReply bought = user.download(request(paid, 0), dir.resolve("copy"), TransferListener.NONE);
            assertThat(bought.ok()).as("%s", bought).isTrue();
            assertThat(bought.number("price_cents")).isEqualTo(1000);
            assertThat(entry(user, "cached-paid.mp4")).as("bought: free for this user from now on").get()
                    .extracting(m -> m.get("price_cents").asLong()).isEqualTo(0L);

            long other = upload(admin, MovieFiles.random(dir, "cached-other.mp4", 4096, 9), false);
            assertThat(entry(user, "cached-other.mp4")).get().extracting(m -> m.get("price_cents").asLong())
                    .isEqualTo(1000L);
            assertThat(grant(admin, userId(user), 3000).ok()).isTrue();
            assertThat(user.call(Map.of("type", "buy_vip")).ok()).isTrue();
            assertThat(entry(user, "cached-other.mp4")).as("VIP price right after buy_vip").get()
                    .extracting(m -> m.get("price_cents").asLong()).isEqualTo(500L);

            ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", free));
            assertThat(deleted.ok()).as("%s", deleted).isTrue();
            assertThat(entry(user, "cached-free.mp4")).as("gone right after its delete").isEmpty();
            assertThat(user.call(Map.of("type", "get_movie_list")).number("total")).isEqualTo(2);
            assertThat(other).isNotEqualTo(paid);
        }
    }

    private static Optional<JsonNode> entry(VidShareClient client, String name) throws Exception {
        ClientReply list = client.call(Map.of("type", "get_movie_list"));
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().filter(m -> m.get("name").asText().equals(name)).findFirst();
    }
}
