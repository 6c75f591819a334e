package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.DownloadSupport.request;
import static org.vidshare.e2e.Wire.assertCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * {@code download.max-concurrent} (1 here): while one download waits, another is
 * {@code too_many_requests} before anything is charged or recorded, and the slot comes back when the
 * waiting connection drops; a download that finished gives its slot back too.
 */
@ServerSettings({"download.max-concurrent=1", "download.free-wait-seconds=600", "price.movie-regular-cents=300"})
class DownloadSlotsTest extends OneServerPerClass {
    @TempDir
    Path dir;

    @Test
    void aDownloadOverTheCapIsRefusedBeforeAnyChargeAndTheSlotComesBack() throws Exception {
        long free;
        long paid;
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            free = MovieFiles.upload(boss, MovieFiles.random(dir, "slot-free.mp4", 4000, 31), true);
            paid = MovieFiles.upload(boss, MovieFiles.random(dir, "slot-paid.mp4", 4000, 32), false);
            try (VidShareClient ivy = server.loggedIn("slots-ivy", "user")) {
                assertThat(WalletSupport.grant(boss, WalletSupport.userId(ivy), 300).ok()).isTrue();
            }
        }
        try (VidShareClient ivy = server.loggedIn("slots-ivy", "user")) {
            try (VidShareClient waiting = server.loggedIn("slots-jo", "user")) {
                ClientReply held = waiting.call(request(free, 0));
                assertThat(held.number("wait_time")).as("%s", held).isEqualTo(600);

                assertCode(ivy.call(request(paid, 0)), "too_many_requests");
                assertThat(WalletSupport.balance(ivy)).as("nothing charged").isEqualTo(300);
                assertThat(ivy.call(Map.of("type", "check_download_record")).number("total")).isZero();
            }
            // The waiting connection closed: its slot is free again.
            ClientReply[] bought = new ClientReply[1];
            assertThat(Wire.eventually(Duration.ofSeconds(30), () -> {
                try {
                    bought[0] = ivy.download(request(paid, 0), dir.resolve("paid.copy"), TransferListener.NONE);
                    return bought[0].ok();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("a download once the slot is back").isTrue();
            assertThat(bought[0].number("price_cents")).isEqualTo(300);
            // That download is done: its slot is back at once for the next.
            ClientReply next = ivy.download(request(paid, 0), dir.resolve("paid.copy"), TransferListener.NONE);
            assertThat(next.ok()).as("%s", next).isTrue();
            assertThat(WalletSupport.balance(ivy)).isZero();
        }
    }
}
