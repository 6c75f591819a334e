package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.TableCellRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.ViewModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.swing.ui.PlainText;
import org.vidshare.client.swing.ui.Tables;

/**
 * Server text is shown as plain text in the Swing client: a movie, a notice and a transfer whose
 * names are HTML with an image from a loopback port make no request to that port when the movie
 * table, the transfer list and the result views render them (headless: cells painted into an
 * image). A label with HTML left on, rendered the same way, does fetch: the probe works.
 */
@ServerSettings({"download.free-wait-seconds=30"})
class SwingPlainTextTest extends OneServerPerClass {
    private static final Texts TEXTS = new Texts(Lang.EN);

    @Test
    void htmlFromTheServerFetchesNothingInTheTablesAndResultViews(@TempDir Path dir) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger requests = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!probe.isClosed()) {
                    try (Socket ignored = probe.accept()) {
                        requests.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "html-probe");
            acceptor.setDaemon(true);
            acceptor.start();
            String literal = "<html><img src=http://127.0.0.1:" + probe.getLocalPort() + "/x>";
            // A movie name may not contain '/', but HTML decodes the entity in the attribute.
            String movieName = "<html><img src=http:&#47;&#47;127.0.0.1:" + probe.getLocalPort() + "&#47;x>";

            long movieId;
            try (VidShareClient admin = server.loggedIn("html-admin", "admin")) {
                movieId = MovieFiles.upload(admin, MovieFiles.random(dir, "m.mp4", 20_000, 5), movieName, true);
                ClientReply notice = admin.call(Map.of("type", "release_notice", "title", literal, "content", literal));
                assertThat(notice.ok()).as(notice.toString()).isTrue();
            }

            try (Connection user = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000)) {
                get(user.connect());
                assertThat(get(user.register("html-user", "pw-html", "user")).ok()).isTrue();
                assertThat(get(user.login("html-user", "pw-html", "user")).ok()).isTrue();

                MovieTableModel movies = new MovieTableModel(TEXTS);
                assertThat(get(movies.reload(user, Runnable::run)).ok()).isTrue();
                assertThat(movies.movies()).extracting(MovieTableModel.Movie::name).contains(movieName);

                TransferListModel transfers = new TransferListModel(user, Runnable::run, TEXTS);
                try {
                    // Waiting (30 s) keeps the transfer's row alive while it renders.
                    Transfer download = transfers.download(movieId, literal, dir.resolve("out.mp4"));
                    Transfer named = transfers.download(movieId, movieName, dir.resolve("out2.mp4"));
                    assertThat(Wire.eventually(Duration.ofSeconds(60), () -> download.state() == Transfer.State.WAITING))
                            .isTrue();

                    ClientReply noticesReply = get(user.call(Map.of("type", "check_notice")));
                    ResultModel notices = ResultModel.of("table", noticesReply, TEXTS);
                    assertThat(notices.rows().toString()).contains(literal);

                    onEdt(() -> {
                        paintAll(Tables.movies(movies));
                        paintAll(Tables.transfers(transfers));
                        ViewModel noticeView = new ViewModel(user.feature("check_notice"), TEXTS);
                        noticeView.setReply(noticesReply);
                        paintAll(Tables.view(noticeView));
                        paintAll(Tables.resultDialog(notices, TEXTS));
                        paint(PlainText.label(literal));
                        paint(PlainText.label(movieName));
                    });
                    Thread.sleep(3_000); // an image fetch runs on a loader thread: give it time to show up
                    assertThat(requests.get()).as("requests to the probe from our views").isZero();
                    named.cancel();
                    download.cancel();
                } finally {
                    transfers.shutdown();
                }
            }

            // The control: the same text in a label with HTML on reaches the probe.
            onEdt(() -> paint(new JLabel(literal)));
            assertThat(Wire.eventually(Duration.ofSeconds(60), () -> requests.get() > 0))
                    .as("an HTML label fetches the image (the probe works)").isTrue();
        }
    }

    private static void paintAll(JTable table) {
        table.setSize(1200, 400);
        table.doLayout();
        for (int column = 0; column < table.getColumnCount(); column++) {
            TableCellRenderer header = table.getTableHeader().getDefaultRenderer();
            paint(header.getTableCellRendererComponent(table, table.getColumnName(column), false, false, -1, column));
            for (int row = 0; row < table.getRowCount(); row++) {
                paint(table.prepareRenderer(table.getCellRenderer(row, column), row, column));
            }
        }
        assertThat(table.getRowCount()).as(table.getName()).isPositive();
    }

    private static void paint(Component component) {
        component.setSize(Math.max(600, component.getPreferredSize().width), 40);
        BufferedImage image = new BufferedImage(600, 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            component.paint(g);
        } finally {
            g.dispose();
        }
    }

    private static void onEdt(Runnable work) throws Exception {
        SwingUtilities.invokeAndWait(work);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }
}
