package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.swing.model.Views;

/**
 * Issue 17, money spelled out, through the Swing client's models (headless, real server, real TCP):
 * the VIP price and its term in the question before buying, price and shortfall in the
 * insufficient-balance message, Buy VIP off for a VIP, every money view (wallet tab, account tab,
 * status bar's account) fresh after each purchase (buy VIP, a paid download), and the "Owned"
 * badge for a bought paid movie.
 */
@ServerSettings({"wallet.payment-provider=demo", "price.vip-cents=3000", "price.movie-vip-cents=500",
        "price.movie-regular-cents=1000", "download.free-wait-seconds=0"})
class SwingMoneyViewsTest extends OneServerPerClass {
    private static final Texts EN = new Texts(Lang.EN);

    @TempDir
    Path dir;

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Connection signedIn(String name) throws Exception {
        Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000);
        get(connection.connect());
        assertThat(get(connection.register(name, "pw-" + name, "user")).ok()).isTrue();
        assertThat(get(connection.login(name, "pw-" + name, "user")).ok()).isTrue();
        return connection;
    }

    @Test
    void theVipPriceAndItsTermAreStatedBeforeBuyingAndBuyVipIsOffForAVip() throws Exception {
        try (Connection connection = signedIn("money-vera")) {
            Feature buyVip = connection.feature("buy_vip");
            assertThat(buyVip.priceCents()).isEqualTo(3000L);
            assertThat(buyVip.confirmation(EN)).contains("30.00").contains("never expires");
            get(connection.setLang(Lang.ZH));
            assertThat(connection.feature("buy_vip").confirmation(new Texts(Lang.ZH))).contains("30.00").contains("永久有效");
            get(connection.setLang(Lang.EN));

            Views views = new Views(connection, EN, Runnable::run, Set.of("get_movie_list"));
            Views.Tab wallet = views.tab("wallet");
            Views.Action buy = wallet.actions().stream().filter(a -> a.command().type().equals("buy_vip")).findFirst().orElseThrow();
            assertThat(views.enabled(buy, -1)).isTrue();

            assertThat(get(views.run(connection.feature("recharge"), Map.of("type", "recharge", "amount_cents", 3500))).ok()).isTrue();
            ClientReply bought = get(views.run(buyVip, Map.of("type", "buy_vip")));
            assertThat(bought.ok()).as(bought.toString()).isTrue();
            assertThat(connection.account().vip()).isTrue();
            assertThat(views.enabled(buy, -1)).as("Buy VIP for a VIP").isFalse();
            assertThat(views.disabled(buyVip)).isTrue();
        }
    }

    @Test
    void anInsufficientBalanceSaysThePriceTheBalanceAndTheShortfall() throws Exception {
        try (Connection connection = signedIn("money-sam")) {
            Views views = new Views(connection, EN, Runnable::run, Set.of("get_movie_list"));
            assertThat(get(views.run(connection.feature("recharge"), Map.of("type", "recharge", "amount_cents", 1250))).ok()).isTrue();
            ClientReply refused = get(views.run(connection.feature("buy_vip"), Map.of("type", "buy_vip")));
            assertThat(refused.code()).isEqualTo("insufficient_balance");
            assertThat(ErrorText.of(refused, EN))
                    .contains("The price is 30.00, your balance 12.50: 17.50 short");
            assertThat(ErrorText.of(refused, new Texts(Lang.ZH))).contains("价格 30.00，余额 12.50，还差 17.50");
        }
    }

    @Test
    void everyMoneyViewIsFreshAfterBuyingVipAndAfterAPaidDownloadAndABoughtMovieIsOwned() throws Exception {
        long paidId;
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            paidId = MovieFiles.upload(admin, MovieFiles.random(dir, "money-paid.mp4", 64 * 1024, 7), "money-paid.mp4", false);
        }
        try (Connection connection = signedIn("money-paula")) {
            Views views = new Views(connection, EN, Runnable::run, Set.of("get_movie_list"));
            assertThat(views.tabs()).extracting(Views.Tab::type).contains("wallet", "whoami", "check_download_record");
            get(views.reloadAll());
            assertThat(views.tab("wallet").view().line("balance_cents")).isEqualTo("0.00");

            assertThat(get(views.run(connection.feature("recharge"), Map.of("type", "recharge", "amount_cents", 4000))).ok()).isTrue();
            assertThat(views.tab("wallet").view().line("balance_cents")).isEqualTo("40.00");
            assertThat(views.tab("whoami").view().line("balance_cents")).isEqualTo("40.00");
            assertThat(connection.account().balanceCents()).isEqualTo(4000);

            // Buying VIP: the wallet (balance and ledger), the account page and the status bar's account agree at once.
            assertThat(get(views.run(connection.feature("buy_vip"), Map.of("type", "buy_vip"))).ok()).isTrue();
            assertThat(views.tab("wallet").view().line("balance_cents")).isEqualTo("10.00");
            assertThat(views.tab("wallet").view().getValueAt(0, 1)).isEqualTo("VIP membership");
            assertThat(views.tab("wallet").view().getValueAt(0, 2)).isEqualTo("-30.00");
            assertThat(views.tab("whoami").view().line("balance_cents")).isEqualTo("10.00");
            assertThat(views.tab("whoami").view().line("is_vip")).isEqualTo("Yes");
            assertThat(connection.account().balanceCents()).isEqualTo(1000);

            // Before buying: a paid movie shows its (VIP) price, not owned.
            MovieTableModel movies = new MovieTableModel(EN);
            get(movies.reload(connection, Runnable::run));
            int row = rowOf(movies, paidId);
            assertThat(movies.movie(row).owned()).isFalse();
            assertThat(movies.display(row, 3)).isEqualTo("5.00");

            // A paid download: the money views follow the charge, without anyone pressing Refresh.
            TransferListModel transfers = new TransferListModel(connection, Runnable::run, EN);
            views.watch(transfers);
            try {
                Transfer download = transfers.download(paidId, "money-paid.mp4", dir.resolve("out.mp4"));
                get(download.finished());
                assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
                assertThat(Wire.eventually(Duration.ofSeconds(20), () ->
                        "5.00".equals(views.tab("wallet").view().line("balance_cents"))
                                && "5.00".equals(views.tab("whoami").view().line("balance_cents"))
                                && connection.account().balanceCents() == 500
                                && views.tab("check_download_record").view().getRowCount() == 1)).isTrue();
                assertThat(views.tab("wallet").view().getValueAt(0, 2)).isEqualTo("-5.00");
                assertThat(views.tab("check_download_record").view().getValueAt(0, 2)).isEqualTo("5.00");
            } finally {
                transfers.shutdown();
            }

            // Bought: the list says "Owned" where a free movie says 0.00.
            get(movies.reload(connection, Runnable::run));
            row = rowOf(movies, paidId);
            assertThat(movies.movie(row).owned()).isTrue();
            assertThat(movies.movie(row).priceCents()).isZero();
            assertThat(movies.display(row, 3)).isEqualTo("Owned");
            assertThat(movies.display(row, 2)).isEqualTo("Paid");
        }
    }

    private static int rowOf(MovieTableModel movies, long id) {
        List<MovieTableModel.Movie> rows = movies.movies();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == id) {
                return i;
            }
        }
        throw new AssertionError("movie " + id + " not listed: " + rows);
    }
}
