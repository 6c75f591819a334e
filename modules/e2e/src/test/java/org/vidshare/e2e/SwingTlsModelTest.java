package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.swing.model.AutoTlsDialer;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;

/**
 * The Swing client's models over the optional TLS listener ({@code vidshare-client --tls}): the
 * main connection and the transfers' own connections all dial TLS, trusting on first use once.
 */
@ServerSettings({"tls.port=0", "download.free-wait-seconds=0"})
class SwingTlsModelTest extends OneServerPerClass {
    private static int tlsPort;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        try (VidShareClient client = server.client()) {
            tlsPort = (int) client.hello("en").number("tls_port");
        }
        home = Files.createTempDirectory("vidshare-swing-tls");
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    @Test
    void signInUploadAndDownloadAllOverTls() throws Exception {
        Path known = home.resolve("known_servers");
        List<String> asked = new ArrayList<>();
        Connection.Dialer tls = (host, port) -> VidShareClient.connectTls(host, port,
                ClientTls.trustOnFirstUse(host, port, known, (hostPort, fingerprint) -> {
                    asked.add(hostPort);
                    return true;
                }), 10_000);
        Texts texts = new Texts(Lang.EN);
        try (Connection admin = new Connection("127.0.0.1", tlsPort, Lang.EN, Runnable::run, 60_000);
             Connection user = new Connection("127.0.0.1", tlsPort, Lang.EN, Runnable::run, 60_000)) {
            admin.setDialer(tls);
            user.setDialer(tls);
            get(admin.connect());
            get(admin.register("tls-admin", "pw", "admin"));
            assertThat(get(admin.login("tls-admin", "pw", "admin")).ok()).isTrue();
            get(user.connect());
            get(user.register("tls-user", "pw", "user"));
            assertThat(get(user.login("tls-user", "pw", "user")).ok()).isTrue();
            ClientReply whoami = get(user.call(Map.of("type", "whoami")));
            assertThat(whoami.string("name")).isEqualTo("tls-user");

            byte[] bytes = new byte[1_500_000];
            new Random(5).nextBytes(bytes);
            Path source = home.resolve("tls movie.mp4");
            Files.write(source, bytes);
            TransferListModel adminTransfers = new TransferListModel(admin, Runnable::run, texts);
            TransferListModel userTransfers = new TransferListModel(user, Runnable::run, texts);
            try {
                Transfer upload = adminTransfers.upload(source, true);
                get(upload.finished());
                assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
                Path target = home.resolve("downloaded.mp4");
                Transfer download = userTransfers.download(upload.resultMovieId(), "tls movie.mp4", target);
                get(download.finished());
                assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
                assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
            } finally {
                adminTransfers.shutdown();
                userTransfers.shutdown();
            }
        }
        // Asked once; every later connection (the other model, the transfers) found the key remembered.
        assertThat(asked).containsExactly("127.0.0.1:" + tlsPort);
    }

    /**
     * The default dialer of {@code vidshare-client}: pointed at the plain port, it moves to TLS because
     * the server offers it, and every later connection (transfers, reconnects) dials TLS directly.
     */
    @Test
    void theClientMovesToTlsWheneverTheServerOffersIt() throws Exception {
        Path known = home.resolve("auto_known_servers");
        List<String> asked = new ArrayList<>();
        AutoTlsDialer auto = new AutoTlsDialer((host, port) -> ClientTls.trustOnFirstUse(host, port, known, (hostPort, fp) -> {
            asked.add(hostPort);
            return true;
        }));
        try (VidShareClient first = auto.dial("127.0.0.1", server.port());
             VidShareClient second = auto.dial("127.0.0.1", server.port())) {
            assertThat(first.secure()).isTrue();
            assertThat(second.secure()).isTrue();
            assertThat(first.hello("en").ok()).isTrue();
            assertThat(second.call(Map.of("type", "ping")).ok()).isTrue();
        }
        assertThat(asked).containsExactly("127.0.0.1:" + tlsPort);

        try (Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000)) {
            connection.setDialer(auto);
            get(connection.connect());
            get(connection.register("auto-tls", "pw", "user"));
            assertThat(get(connection.login("auto-tls", "pw", "user")).ok()).isTrue();
        }
    }

    @Test
    void aServerWithoutTlsIsUsedInTheClear() throws Exception {
        try (TestServer plainServer = TestServer.start()) {
            AutoTlsDialer auto = new AutoTlsDialer((host, port) -> {
                throw new AssertionError("no TLS offered, no TLS context wanted");
            });
            try (VidShareClient client = auto.dial("127.0.0.1", plainServer.port())) {
                assertThat(client.secure()).isFalse();
                assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
            }
        }
    }
}
