package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * get_movie_list: kinds, literal case-insensitive search, paging, newest first, deleted never listed,
 * and the price each caller would pay now. One catalog for the whole class, uploaded once.
 */
class MovieListTest extends OneServerPerClass {
    private static final List<String> NAMES = List.of(
            "Alpha.mp4", "beta_100%.mp4", "betaX100Y.mp4", "Gamma.MKV", "delta.avi", "gone.mp4");
    private static final Map<String, Long> IDS = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void uploadCatalog() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            for (int i = 0; i < NAMES.size(); i++) {
                String name = NAMES.get(i);
                Path file = MovieFiles.random(dir, "f" + i, 10_000 + i, 100 + i);
                boolean free = i % 2 == 0; // Alpha, betaX100Y, delta, ... free; the others charged
                ClientReply reply = admin.upload(MovieFiles.uploadRequest(file, name, free), file, TransferListener.NONE);
                assertThat(reply.ok()).as(reply.toString()).isTrue();
                IDS.put(name, reply.number("movie_id"));
                Thread.sleep(5); // distinct upload times, so "newest first" has one answer
            }
            assertThat(admin.call(Map.of("type", "delete_movie", "delete_movie_id", IDS.get("gone.mp4"))).ok()).isTrue();
        }
    }

    @Test
    void allListsEveryNonDeletedMovieNewestFirst() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            ClientReply list = user.call(Map.of("type", "get_movie_list", "movie_type", "all"));
            assertThat(list.number("total")).isEqualTo(5);
            assertThat(names(list)).containsExactly("delta.avi", "Gamma.MKV", "betaX100Y.mp4", "beta_100%.mp4", "Alpha.mp4");
            ClientReply byDefault = user.call(Map.of("type", "get_movie_list"));
            assertThat(names(byDefault)).isEqualTo(names(list));
        }
    }

    @Test
    void freeAndChargeFilter() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            ClientReply free = user.call(Map.of("type", "get_movie_list", "movie_type", "free"));
            assertThat(names(free)).containsExactly("delta.avi", "betaX100Y.mp4", "Alpha.mp4");
            assertThat(free.list("movie_list")).allMatch(m -> m.get("is_free").asInt() == 1 && m.get("price_cents").asLong() == 0);
            ClientReply charge = user.call(Map.of("type", "get_movie_list", "movie_type", "charge"));
            assertThat(names(charge)).containsExactly("Gamma.MKV", "beta_100%.mp4");
            assertThat(charge.number("total")).isEqualTo(2);
            assertThat(charge.list("movie_list")).allMatch(m -> m.get("is_free").asInt() == 0);
        }
    }

    @Test
    void anotherMovieTypeIsBadRequest() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            assertThat(user.call(Map.of("type", "get_movie_list", "movie_type", "paid")).code()).isEqualTo("bad_request");
        }
    }

    @Test
    void queryIsACaseInsensitiveLiteralSubstring() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            assertThat(names(query(user, "GAMMA"))).containsExactly("Gamma.MKV");
            assertThat(names(query(user, "mkv"))).containsExactly("Gamma.MKV");
            assertThat(names(query(user, "_"))).as("_ is no wildcard").containsExactly("beta_100%.mp4");
            assertThat(names(query(user, "100%"))).as("% is no wildcard").containsExactly("beta_100%.mp4");
            assertThat(names(query(user, "beta_"))).containsExactly("beta_100%.mp4");
            assertThat(names(query(user, "%"))).containsExactly("beta_100%.mp4");
            assertThat(query(user, "nothing-like-this").number("total")).isZero();
            assertThat(query(user, "nothing-like-this").ok()).as("an empty list is a success").isTrue();
            assertThat(names(query(user, "gone"))).as("deleted movies never appear").isEmpty();
        }
    }

    @Test
    void aSearchPagesWithinItsKindAndNeverMatchesAcrossTwoNames() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            ClientReply charged = user.call(Map.of("type", "get_movie_list", "movie_type", "charge", "query", "beta"));
            assertThat(names(charged)).containsExactly("beta_100%.mp4");
            ClientReply free = user.call(Map.of("type", "get_movie_list", "movie_type", "free", "query", "BETA"));
            assertThat(names(free)).containsExactly("betaX100Y.mp4");
            ClientReply second = user.call(Map.of("type", "get_movie_list", "query", "beta", "offset", 1, "limit", 1));
            assertThat(second.number("total")).as("total counts every match, not the page").isEqualTo(2);
            assertThat(names(second)).containsExactly("beta_100%.mp4");
            ClientReply past = user.call(Map.of("type", "get_movie_list", "query", "a", "offset", 3, "limit", 5));
            assertThat(past.number("total")).isEqualTo(5);
            assertThat(names(past)).containsExactly("beta_100%.mp4", "Alpha.mp4");
            // Newest first, "delta.avi" is followed by "Gamma.MKV": the end of one name and the start
            // of the next are no match, with or without the separator the index keeps between them.
            assertThat(query(user, "avigamma").number("total")).isZero();
            assertThat(query(user, "avi\ngamma").number("total")).isZero();
            assertThat(names(query(user, "avi"))).containsExactly("delta.avi");
            // Every pair of "mkvi" is in some name ("mk", "kv" in Gamma.MKV, "vi" in delta.avi), the
            // whole in none: the pair index only narrows, the names decide.
            assertThat(query(user, "mkvi").number("total")).isZero();
            assertThat(names(query(user, "a.m"))).containsExactly("Gamma.MKV", "Alpha.mp4");
            assertThat(names(query(user, "y"))).as("one character: every name compared").containsExactly("betaX100Y.mp4");
        }
    }

    @Test
    void offsetAndLimitPageWhileTotalCountsEverything() throws Exception {
        try (VidShareClient user = server.loggedIn("lister", "user")) {
            ClientReply page = user.call(Map.of("type", "get_movie_list", "offset", 1, "limit", 2));
            assertThat(page.number("total")).isEqualTo(5);
            assertThat(names(page)).containsExactly("Gamma.MKV", "betaX100Y.mp4");
            ClientReply last = user.call(Map.of("type", "get_movie_list", "offset", 4, "limit", 2));
            assertThat(names(last)).containsExactly("Alpha.mp4");
            ClientReply beyond = user.call(Map.of("type", "get_movie_list", "offset", 10));
            assertThat(beyond.ok()).isTrue();
            assertThat(names(beyond)).isEmpty();
            assertThat(user.call(Map.of("type", "get_movie_list", "limit", 0)).code()).isEqualTo("bad_request");
            assertThat(user.call(Map.of("type", "get_movie_list", "limit", 1001)).code()).isEqualTo("bad_request");
            assertThat(user.call(Map.of("type", "get_movie_list", "offset", -1)).code()).isEqualTo("bad_request");
        }
    }

    @Test
    void pricesFollowTheCallerVipStatusAndPurchases() throws Exception {
        try (VidShareClient regular = server.loggedIn("regular", "user");
             VidShareClient vip = server.loggedIn("vip", "user")) {
            assertThat(priceOf(regular, "Gamma.MKV")).isEqualTo(1000);
            assertThat(priceOf(regular, "Alpha.mp4")).isZero();
        }
        // VIP status and a purchase come from other features; set them in the database while the server is down.
        server.close();
        try (Connection db = DriverManager.getConnection(
                "jdbc:h2:file:" + server.dataDir().resolve("db").resolve("vidshare"), "sa", "")) {
            try (PreparedStatement vip = db.prepareStatement("UPDATE VS_USER SET IS_VIP = TRUE WHERE NAME = 'vip'")) {
                assertThat(vip.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement bought = db.prepareStatement(
                    "INSERT INTO VS_PURCHASE (ID, USER_ID, MOVIE_ID, PRICE_CENTS, PURCHASE_TIME) "
                            + "SELECT 900001, ID, ?, 1000, 0 FROM VS_USER WHERE NAME = 'regular'")) {
                bought.setLong(1, IDS.get("Gamma.MKV"));
                assertThat(bought.executeUpdate()).isEqualTo(1);
            }
        }
        server.restart();
        try (VidShareClient regular = server.loggedIn("regular", "user");
             VidShareClient vip = server.loggedIn("vip", "user");
             VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(priceOf(regular, "Gamma.MKV")).as("bought").isZero();
            assertThat(priceOf(regular, "beta_100%.mp4")).isEqualTo(1000);
            assertThat(priceOf(vip, "Gamma.MKV")).isEqualTo(500);
            assertThat(priceOf(vip, "Alpha.mp4")).isZero();
            assertThat(priceOf(admin, "Gamma.MKV")).as("admins download free").isZero();
        }
    }

    @Test
    void aSessionIsNeeded() throws Exception {
        try (VidShareClient anonymous = server.client()) {
            assertThat(anonymous.call(Map.of("type", "get_movie_list")).code()).isEqualTo("not_logged_in");
        }
    }

    private static ClientReply query(VidShareClient client, String query) throws Exception {
        ClientReply reply = client.call(Map.of("type", "get_movie_list", "query", query));
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        return reply;
    }

    private static long priceOf(VidShareClient client, String name) throws Exception {
        ClientReply list = client.call(Map.of("type", "get_movie_list"));
        return list.list("movie_list").stream().filter(m -> m.get("name").asText().equals(name))
                .findFirst().orElseThrow().get("price_cents").asLong();
    }

    private static List<String> names(ClientReply list) {
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().map(m -> m.get("name").asText()).toList();
    }
}
