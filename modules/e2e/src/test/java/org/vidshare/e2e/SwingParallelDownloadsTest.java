package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * Many transfers of one user at once through the Swing client's transfer model: each transfer
 * connection logs in with a transfer ticket, so none waits for (or is refused by the limit of)
 * concurrent password checks of the name (docs/protocol.md, transfer_ticket).
 */
@ServerSettings({"download.free-wait-seconds=1"})
class SwingParallelDownloadsTest extends OneServerPerClass {
    private static final Texts TEXTS = new Texts(Lang.EN);
    private static final int PARALLEL = 20;

    @Test
    void twentyParallelDownloadsByOneUserAllFinish(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[700_000];
        new Random(16).nextBytes(bytes);
        Path source = dir.resolve("parallel.mp4");
        Files.write(source, bytes);
        try (Connection admin = signedIn("par-admin", "admin"); Connection user = signedIn("par-user", "user")) {
            assertThat(user.hasFeature("transfer_ticket")).isTrue();
            TransferListModel adminTransfers = new TransferListModel(admin, Runnable::run, TEXTS);
            TransferListModel userTransfers = new TransferListModel(user, Runnable::run, TEXTS);
            try {
                Transfer upload = adminTransfers.upload(source, true);
                get(upload.finished());
                assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);

                Path downloads = Files.createDirectories(dir.resolve("downloads"));
                List<Transfer> started = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    started.add(userTransfers.download(upload.resultMovieId(), "parallel.mp4",
                            downloads.resolve("copy-" + i + ".mp4")));
                }
                for (Transfer transfer : started) {
                    get(transfer.finished());
                }
                for (Transfer transfer : started) {
                    assertThat(transfer.state()).as(transfer.file() + ": " + transfer.error()).isEqualTo(Transfer.State.DONE);
                    assertThat(transfer.history()).contains(Transfer.State.WAITING, Transfer.State.RUNNING);
                    assertThat(Files.readAllBytes(transfer.file())).isEqualTo(bytes);
                }
                // Every ticket was used up: the session could ask for 20 more right away.
                for (int i = 0; i < PARALLEL; i++) {
                    ClientReply ticket = get(user.call(java.util.Map.of("type", "transfer_ticket")));
                    assertThat(ticket.ok()).as(ticket.toString()).isTrue();
                }
            } finally {
                adminTransfers.shutdown();
                userTransfers.shutdown();
            }
        }
    }

    private static Connection signedIn(String name, String type) throws Exception {
        Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000);
        get(connection.connect());
        ClientReply registered = get(connection.register(name, "pw-" + name, type));
        assertThat(registered.ok()).as(registered.toString()).isTrue();
        assertThat(get(connection.login(name, "pw-" + name, type)).ok()).isTrue();
        return connection;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(120, TimeUnit.SECONDS);
    }
}
