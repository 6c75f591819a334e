package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/** The Prometheus endpoint (metrics.port): scraped over HTTP before and after real requests, its counters move. */
@ServerSettings({"metrics.port=0", "metrics.host=127.0.0.1"})
class MetricsTest extends OneServerPerClass {
    private static final int SIZE = 150_000;

    @TempDir
    Path dir;

    @Test
    void countersMoveWithRequestsFailedLoginsAndTransferredBytes() throws Exception {
        assertThat(server.metricsPort()).isPositive();
        Scrape before = scrape();
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient user = server.loggedIn("watcher", "user");
             VidShareClient guesser = server.client()) {
            assertThat(user.call(Map.of("type", "ping")).ok()).isTrue();
            ClientReply wrong = guesser.login("watcher", "not-the-password");
            assertThat(wrong.code()).isEqualTo("bad_credentials");
            assertThat(user.call(Map.of("type", "no_such_command")).code()).isEqualTo("unknown_type");

            Path movie = MovieFiles.random(dir, "metered.mp4", SIZE, 5);
            long movieId = MovieFiles.upload(admin, movie, true);
            ClientReply download = user.download(DownloadSupport.request(movieId, 0), dir.resolve("metered.out"),
                    TransferListener.NONE);
            assertThat(download.ok()).as(download.toString()).isTrue();
            assertThat(Files.mismatch(dir.resolve("metered.out"), movie)).isEqualTo(-1);

            Scrape after = scrape();
            assertThat(after.value("vidshare_requests_total", "type", "ping", "code", "ok")
                    - before.value("vidshare_requests_total", "type", "ping", "code", "ok")).isGreaterThanOrEqualTo(1);
            assertThat(after.value("vidshare_requests_total", "type", "login", "code", "ok")
                    - before.value("vidshare_requests_total", "type", "login", "code", "ok")).isGreaterThanOrEqualTo(2);
            assertThat(after.value("vidshare_requests_total", "type", "login", "code", "bad_credentials")
                    - before.value("vidshare_requests_total", "type", "login", "code", "bad_credentials")).isEqualTo(1);
            // An unknown command is not a label value of its own: the series set stays closed.
            assertThat(after.value("vidshare_requests_total", "type", "other", "code", "unknown_type")).isEqualTo(1);
            assertThat(after.has("vidshare_requests_total", "type", "no_such_command")).isFalse();
            assertThat(after.value("vidshare_failed_logins_total") - before.value("vidshare_failed_logins_total"))
                    .isEqualTo(1);
            assertThat(after.value("vidshare_request_duration_seconds_count", "type", "ping")).isGreaterThanOrEqualTo(1);
            // The upload waited for the disk before its reply (upload.sync-before-publish, the default).
            assertThat(after.value("vidshare_upload_publish_sync_seconds_count")
                    - before.value("vidshare_upload_publish_sync_seconds_count")).isEqualTo(1);
            assertThat(after.value("vidshare_upload_publish_sync_seconds_sum")).isPositive();
            assertThat(after.value("vidshare_received_bytes_total") - before.value("vidshare_received_bytes_total"))
                    .isGreaterThanOrEqualTo(SIZE);
            assertThat(after.value("vidshare_sent_bytes_total") - before.value("vidshare_sent_bytes_total"))
                    .isGreaterThanOrEqualTo(SIZE);
            assertThat(after.value("vidshare_connections")).isGreaterThanOrEqualTo(3);
            assertThat(after.value("vidshare_sessions")).isGreaterThanOrEqualTo(2);
            assertThat(after.has("vidshare_transfers", "state", "sending")).isTrue();
            assertThat(after.has("vidshare_transfers", "state", "receiving")).isTrue();
            assertThat(after.has("vidshare_transfers", "state", "waiting")).isTrue();
            assertThat(after.has("vidshare_transfer_buffers", "pool", "upload_read", "state", "in_use")).isTrue();
            // How long upload reads were held back: both series are there (PayloadBackPressureTest checks the values).
            assertThat(after.has("vidshare_upload_reads_held_seconds_total", "reason", "hasher")).isTrue();
            assertThat(after.has("vidshare_upload_reads_held_seconds_total", "reason", "disk")).isTrue();
            // The download went out of a pooled buffer, back in the pool once sent.
            assertThat(after.value("vidshare_transfer_buffers", "pool", "download_send", "state", "free")).isPositive();
            assertThat(after.value("jvm_threads_current")).isPositive();
        }
    }

    @Test
    void metricsAreOffByDefault() {
        try (TestServer plain = TestServer.startIn(dir.resolve("plain"), Map.of())) {
            assertThat(plain.metricsPort()).isZero();
        }
    }

    private static Scrape scrape() throws IOException {
        return Scrape.of(server.metricsPort());
    }
}
