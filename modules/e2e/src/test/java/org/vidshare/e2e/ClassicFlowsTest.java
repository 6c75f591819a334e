package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.ClassicClient.dic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * Every flow of the original course clients, as they send it: admin register, login, check, upload
 * (payload right after the JSON), delete, notice; user register, login, buy_member, listings,
 * downloads (payload right after the reply), records, notices. Money as in v1: the wallet must cover it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ServerSettings({"wallet.initial-balance-cents=5000", "download.free-wait-seconds=1"})
class ClassicFlowsTest extends OneServerPerClass {
    private static final String PASSWORD = Passwords.md5Hex("123");
    private static ClassicClient admin;
    private static ClassicClient user;
    private static long freeId;
    private static long paidId;
    private static byte[] freeBytes;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        admin = new ClassicClient(server.port());
        user = new ClassicClient(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        admin.close();
        user.close();
    }

    @Test
    @Order(1)
    void emptyListsAreClassicFailures() throws Exception {
        user.send(dic("type", "register", "name", "viewer", "password", PASSWORD, "user_type", "user"));
        JsonNode login = user.send(dic("type", "login", "name", "viewer", "password", PASSWORD, "user_type", "user"));
        assertThat(login.path("flag").asBoolean()).isTrue();
        assertThat(login.path("last_notice").asBoolean(true)).isFalse();

        JsonNode movies = user.send(dic("type", "get_movie_list", "movie_type", "all"));
        assertThat(movies.path("flag").asBoolean()).isFalse();
        assertThat(movies.path("code").asText()).isEqualTo("not_found");
        assertThat(movies.path("msg").asText()).isEqualTo("暂无影片");
        JsonNode notices = user.send(dic("type", "check_notice"));
        assertThat(notices.path("flag").asBoolean()).isFalse();
        assertThat(notices.path("msg").asText()).isEqualTo("暂无公告");
        JsonNode records = user.send(dic("type", "check_download_record"));
        assertThat(records.path("flag").asBoolean()).isFalse();
        assertThat(records.path("msg").asText()).isEqualTo("暂无观影记录");
    }

    @Test
    @Order(2)
    void adminRegistersLogsInChecksAndUploadsWithThePayloadRightAfterTheJson() throws Exception {
        assertThat(admin.send(dic("type", "register", "name", "root", "password", PASSWORD, "user_type", "admin"))
                .path("flag").asBoolean()).isTrue();
        JsonNode login = admin.send(dic("type", "login", "name", "root", "password", PASSWORD, "user_type", "admin"));
        assertThat(login.path("flag").asBoolean()).isTrue();

        Path free = MovieFiles.random(files, "free.mp4", 30_000, 11);
        freeBytes = Files.readAllBytes(free);
        JsonNode check = admin.send(dic("type", "check_movie", "file_md5", Fingerprint.of(free)));
        assertThat(check.path("flag").asBoolean()).isTrue();
        JsonNode uploaded = admin.sendWithFile(dic("type", "upload", "file_name", "free.mp4",
                "file_size", freeBytes.length, "file_md5", Fingerprint.of(free), "is_free", 1), free);
        assertThat(uploaded.path("flag").asBoolean()).as(uploaded.toString()).isTrue();
        freeId = uploaded.path("movie_id").asLong();

        // The notes' own name for the command works too.
        Path paid = MovieFiles.random(files, "paid.mp4", 20_000, 12);
        JsonNode paidUpload = admin.sendWithFile(dic("type", "upload_movie", "file_name", "paid.mp4",
                "file_size", Files.size(paid), "file_md5", Fingerprint.of(paid), "is_free", 0), paid);
        assertThat(paidUpload.path("flag").asBoolean()).isTrue();
        paidId = paidUpload.path("movie_id").asLong();

        JsonNode present = admin.send(dic("type", "check_movie", "file_md5", Fingerprint.of(free)));
        assertThat(present.path("flag").asBoolean()).isFalse();
        assertThat(present.path("msg").asText()).isEqualTo("该电影已经存在");
    }

    @Test
    @Order(3)
    void adminPublishesANoticeWithTheClassicKeys() throws Exception {
        JsonNode notice = admin.send(dic("type", "release_notice", "notice_name", "开业", "notice_content", "欢迎光临"));
        assertThat(notice.path("flag").asBoolean()).as(notice.toString()).isTrue();
        JsonNode list = user.send(dic("type", "check_notice"));
        assertThat(list.path("flag").asBoolean()).isTrue();
        assertThat(list.path("notice_list").get(0).path("开业").asText()).isEqualTo("欢迎光临");
    }

    @Test
    @Order(4)
    void listingsUseTheClassicTriples() throws Exception {
        JsonNode all = user.send(dic("type", "get_movie_list", "movie_type", "all"));
        assertThat(all.path("flag").asBoolean()).isTrue();
        List<String> rows = new ArrayList<>();
        all.path("movie_list").forEach(row -> rows.add(row.get(0).asText() + "|" + row.get(1).asText() + "|" + row.get(2).asLong()));
        assertThat(rows).containsExactly("paid.mp4|收费|" + paidId, "free.mp4|免费|" + freeId);
        JsonNode free = user.send(dic("type", "get_movie_list", "movie_type", "free"));
        assertThat(free.path("movie_list")).hasSize(1);
        JsonNode charge = user.send(dic("type", "get_movie_list", "movie_type", "charge"));
        assertThat(charge.path("movie_list").get(0).get(2).asLong()).isEqualTo(paidId);
        JsonNode anythingElse = user.send(dic("type", "get_movie_list", "movie_type", "收费"));
        assertThat(anythingElse.path("movie_list").get(0).get(2).asLong()).as("any other type means charge").isEqualTo(paidId);
        JsonNode missing = user.send(dic("type", "get_movie_list"));
        assertThat(missing.path("movie_list")).hasSize(2);
    }

    @Test
    @Order(5)
    void aFreeDownloadCarriesFilenameFilesizeAndWaitTimeThenThePayload() throws Exception {
        JsonNode reply = user.send(dic("type", "download_movie", "movie_id", freeId, "movie_type", "free"));
        assertThat(reply.path("flag").asBoolean()).as(reply.toString()).isTrue();
        assertThat(reply.path("filename").asText()).isEqualTo("free.mp4");
        assertThat(reply.path("filesize").asLong()).isEqualTo(freeBytes.length);
        assertThat(reply.path("wait_time").asInt()).isEqualTo(1);
        assertThat(user.readPayload(reply.path("filesize").asLong())).isEqualTo(freeBytes);
    }

    @Test
    @Order(6)
    void buyMemberThenAPaidDownloadAtTheVipPriceWhenTheWalletCoversIt() throws Exception {
        JsonNode vip = user.send(dic("type", "buy_member"));
        assertThat(vip.path("flag").asBoolean()).as(vip.toString()).isTrue();
        // The client's movie_type claim is ignored: the movie decides the price.
        JsonNode paid = user.send(dic("type", "download_movie", "movie_id", paidId, "movie_type", "free"));
        assertThat(paid.path("flag").asBoolean()).as(paid.toString()).isTrue();
        assertThat(paid.path("price_cents").asLong()).isEqualTo(500);
        assertThat(paid.path("wait_time").asInt()).isZero();
        assertThat(user.readPayload(paid.path("filesize").asLong())).hasSize(20_000);

        JsonNode records = user.send(dic("type", "check_download_record"));
        assertThat(records.path("flag").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        records.path("download_list").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactly("paid.mp4", "free.mp4");
    }

    @Test
    @Order(7)
    void adminDeletesWithTheClassicKey() throws Exception {
        JsonNode deleted = admin.send(dic("type", "delete_movie", "movie_id", freeId));
        assertThat(deleted.path("flag").asBoolean()).as(deleted.toString()).isTrue();
        JsonNode all = user.send(dic("type", "get_movie_list", "movie_type", "all"));
        assertThat(all.path("movie_list")).hasSize(1);
        JsonNode again = admin.send(dic("type", "delete_movie", "delete_movie_id", freeId));
        assertThat(again.path("code").asText()).isEqualTo("not_found");
    }

    @Test
    @Order(8)
    void theUserLoginNowCarriesTheLastNoticeAsAClassicList() throws Exception {
        try (ClassicClient again = new ClassicClient(server.port())) {
            JsonNode login = again.send(dic("type", "login", "name", "viewer", "password", PASSWORD, "user_type", "user"));
            assertThat(login.path("last_notice").isArray()).isTrue();
            assertThat(login.path("last_notice").get(0).path("开业").asText()).isEqualTo("欢迎光临");
        }
    }
}
