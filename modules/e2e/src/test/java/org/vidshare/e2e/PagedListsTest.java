package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.ClassicClient.dic;
import static org.vidshare.e2e.Wire.assertCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/**
 * Paged lists (PROTOCOL.md section 7): 10,000 download records come back a page at a time, newest
 * first, each page with the right {@code total}; limits outside 1..500 change nothing and are
 * {@code bad_request}; the classic dialect, whose clients cannot page, gets the newest 1,000. The
 * records are written through JDBC into the server's H2 file while it is stopped: 10,000 downloads
 * over the protocol would take minutes and prove nothing more about paging.
 */
class PagedListsTest {
    private static final int RECORDS = 10_000;
    /** Record ids far above the ones the server's table generator hands out, so none clash. */
    private static final long FIRST_ID = 1_000_000_000L;
    /** Download times: record i was made at BASE_MILLIS + i, so the newest has the highest i. */
    private static final long BASE_MILLIS = 1_700_000_000_000L;

    private static TestServer server;
    private static long movieId;

    @BeforeAll
    static void tenThousandRecords() throws Exception {
        Path data = Files.createTempDirectory("vidshare-paging");
        server = TestServer.startIn(data, Map.of());
        long userId;
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient carol = server.loggedIn("pages-carol", "user")) {
            movieId = MovieFiles.upload(boss, MovieFiles.random(data, "paged.mp4", 2000, 5), true);
            userId = WalletSupport.userId(carol);
        }
        server.close();
        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
             PreparedStatement insert = db.prepareStatement("INSERT INTO VS_DOWNLOAD_RECORD"
                     + " (ID, DOWNLOAD_TIME, MOVIE_ID, PRICE_CENTS, USER_ID) VALUES (?, ?, ?, ?, ?)")) {
            db.setAutoCommit(false);
            for (int i = 0; i < RECORDS; i++) {
                insert.setLong(1, FIRST_ID + i);
                insert.setLong(2, BASE_MILLIS + i * 1000L);
                insert.setLong(3, movieId);
                insert.setLong(4, i); // the price tells which record a row is
                insert.setLong(5, userId);
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        server.restart();
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void tenThousandRecordsComeBackAPageAtATimeNewestFirstWithTheirTotal() throws Exception {
        try (VidShareClient carol = server.client()) {
            assertThat(carol.login("pages-carol", TestServer.PASSWORD).ok()).isTrue();
            List<Long> seen = new ArrayList<>();
            for (int offset = 0; offset < RECORDS; offset += 500) {
                ClientReply page = carol.call(Map.of("type", "check_download_record", "offset", offset, "limit", 500));
                assertThat(page.ok()).as("%s", page).isTrue();
                assertThat(page.number("total")).isEqualTo(RECORDS);
                List<JsonNode> rows = page.list("record_list");
                assertThat(rows).hasSize(500);
                rows.forEach(row -> seen.add(row.get("price_cents").asLong()));
            }
            // Newest first, every record once.
            List<Long> expected = new ArrayList<>();
            for (long i = RECORDS - 1; i >= 0; i--) {
                expected.add(i);
            }
            assertThat(seen).isEqualTo(expected);

            ClientReply beyond = carol.call(Map.of("type", "check_download_record", "offset", RECORDS));
            assertThat(beyond.number("total")).isEqualTo(RECORDS);
            assertThat(beyond.list("record_list")).isEmpty();

            ClientReply byDefault = carol.call(Map.of("type", "check_download_record"));
            assertThat(byDefault.list("record_list")).hasSize(50);
            assertThat(byDefault.list("record_list").get(0).get("price_cents").asLong()).isEqualTo(RECORDS - 1);

            assertCode(carol.call(Map.of("type", "check_download_record", "limit", 501)), "bad_request");
            assertCode(carol.call(Map.of("type", "check_download_record", "limit", 0)), "bad_request");
            assertCode(carol.call(Map.of("type", "check_download_record", "offset", -1)), "bad_request");
        }
    }

    @Test
    void theClassicDialectGetsTheNewestThousand() throws Exception {
        try (ClassicClient classic = new ClassicClient(server.port())) {
            JsonNode login = classic.send(dic("type", "login", "name", "pages-carol",
                    "password", Passwords.md5Hex(TestServer.PASSWORD), "user_type", "user"));
            assertThat(login.path("flag").asBoolean()).as("%s", login).isTrue();
            JsonNode records = classic.send(dic("type", "check_download_record"));
            assertThat(records.path("flag").asBoolean()).as("%s", records).isTrue();
            assertThat(records.path("download_list")).hasSize(1000);
        }
    }

    @Test
    void theOtherListsPageAlike() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient dan = server.loggedIn("pages-dan", "user")) {
            for (int i = 0; i < 3; i++) {
                assertThat(boss.call(Map.of("type", "release_notice", "title", "n" + i, "content", "c" + i)).ok()).isTrue();
                assertThat(WalletSupport.grant(boss, WalletSupport.userId(dan), 100 + i).ok()).isTrue();
            }
            ClientReply notices = dan.call(Map.of("type", "check_notice", "limit", 2));
            assertThat(notices.number("total")).isEqualTo(3);
            assertThat(notices.list("notice_list")).extracting(n -> n.get("title").asText()).containsExactly("n2", "n1");

            ClientReply wallet = dan.call(Map.of("type", "wallet", "offset", 1, "limit", 1));
            assertThat(wallet.number("total")).isEqualTo(3);
            assertThat(wallet.list("ledger")).extracting(e -> e.get("amount_cents").asLong()).containsExactly(101L);
            assertThat(wallet.number("balance_cents")).isEqualTo(303);

            ClientReply users = boss.call(Map.of("type", "list_users", "limit", 1));
            assertThat(users.number("total")).isEqualTo(3); // boss, pages-carol, pages-dan
            assertThat(users.list("user_list")).extracting(u -> u.get("name").asText()).containsExactly("pages-dan");
            assertCode(boss.call(Map.of("type", "list_users", "limit", 1000)), "bad_request");

            Set<String> names = new HashSet<>();
            for (int offset = 0; offset < 3; offset++) {
                boss.call(Map.of("type", "list_users", "offset", offset, "limit", 1)).list("user_list")
                        .forEach(u -> names.add(u.get("name").asText()));
            }
            assertThat(names).containsExactlyInAnyOrder("boss", "pages-carol", "pages-dan");
        }
    }
}
