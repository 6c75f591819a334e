package org.vidshare.client.swing;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.vidshare.client.swing.model.AutoTlsDialer;
import org.vidshare.client.swing.model.ClientPrefs;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.ui.ClientWindow;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;

/**
 * {@code vidshare-client [--host H] [--port P] [--lang en|zh-CN] [--dark | --light] [--downloads DIR]
 * [--truststore FILE] [--tls | --plain]}: the desktop client. It uses TLS whenever the server
 * offers it (hello names a {@code tls_port}), trusting the server's key on first use after showing
 * its fingerprint (remembered in {@code ~/.vidshare/known_servers}; a changed key is refused), or
 * by a truststore ({@code --truststore}, password from {@code VIDSHARE_TRUSTSTORE_PASSWORD}).
 * {@code --tls} means {@code --port} already is a TLS port; {@code --plain} never moves to TLS.
 * A host that spoke TLS with this client once (noted in {@code known_servers}) and answers in plain
 * only later is refused unless {@code --plain} is given: no silent downgrade. The
 * language defaults to the system's (Chinese on a Chinese system, else English) and can be
 * switched in the window; downloads go to {@code ~/Downloads/VidShare}. The server last used, the
 * theme, the language, the download folder and the window's place are remembered between runs
 * ({@link ClientPrefs}); an option given here wins over what was remembered.
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        // Remembered from the last run, where there is something; the options below win over it.
        ClientPrefs prefs = ClientPrefs.user();
        ClientPrefs.Server lastServer = prefs.servers().stream().findFirst()
                .orElse(new ClientPrefs.Server("127.0.0.1", 8087));
        String host = lastServer.host();
        int port = lastServer.port();
        Lang lang = prefs.lang().orElse(Lang.systemDefault());
        boolean dark = prefs.dark().orElse(false);
        boolean tls = false;
        boolean plain = false;
        Path truststore = null;
        Path downloads = prefs.downloadDir().orElse(Path.of(System.getProperty("user.home"), "Downloads", "VidShare"));
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--dark" -> dark = true;
                case "--light" -> dark = false; // over a remembered dark theme
                case "--tls" -> tls = true;
                case "--plain" -> plain = true;
                case "--host", "--port", "--lang", "--downloads", "--truststore" -> {
                    if (i + 1 >= args.length) {
                        usage(option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--host" -> host = value;
                        case "--port" -> port = parsePort(value);
                        case "--lang" -> lang = parseLang(value);
                        case "--truststore" -> truststore = Path.of(value);
                        default -> downloads = Path.of(value);
                    }
                }
                case "--help", "-h" -> usage(null);
                default -> usage("unknown option " + option);
            }
        }
        String targetHost = host;
        int targetPort = port;
        Lang targetLang = lang;
        Path targetDownloads = downloads;
        boolean darkTheme = dark;
        Connection.Dialer dialer = dialer(tls, plain, truststore);
        SwingUtilities.invokeLater(() -> {
            ClientWindow.applyTheme(darkTheme);
            ClientWindow window = ClientWindow.open(targetHost, targetPort, targetLang, targetDownloads, dialer, prefs);
            window.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    System.exit(0);
                }
            });
        });
    }

    private static Connection.Dialer dialer(boolean tls, boolean plain, Path truststore) {
        if (plain) {
            return Connection.Dialer.PLAIN;
        }
        AutoTlsDialer.ContextFactory contexts;
        Path known = Path.of(System.getProperty("user.home"), ".vidshare", "known_servers");
        if (truststore != null) {
            String password = System.getenv().getOrDefault("VIDSHARE_TRUSTSTORE_PASSWORD", "");
            // A CA-issued certificate must also name the host we dial.
            contexts = (host, port) -> ClientTls.withTruststore(truststore, password.toCharArray(), host);
        } else {
            contexts = (host, port) -> ClientTls.trustOnFirstUse(host, port, known, ClientMain::askFirstUse);
        }
        if (tls) {
            return (host, port) -> VidShareClient.connectTls(host, port, contexts.contextFor(host, port), 10_000);
        }
        // Remembers the hosts that spoke TLS, and refuses a plain-only answer from them later.
        return new AutoTlsDialer(contexts, known);
    }

    /** Trust on first use: the person compares the fingerprint with the one the server's operator gives. */
    private static boolean askFirstUse(String hostPort, String fingerprint) {
        AtomicBoolean accepted = new AtomicBoolean();
        Runnable ask = () -> accepted.set(JOptionPane.showConfirmDialog(null,
                "<html>First connection to <b>" + hostPort + "</b>.<br>Its key's SHA-256 fingerprint is<br><tt>"
                        + fingerprint + "</tt><br>Trust this server from now on?</html>",
                "VidShare TLS", JOptionPane.YES_NO_OPTION, JOptionPane.WARNING_MESSAGE) == JOptionPane.YES_OPTION);
        try {
            if (SwingUtilities.isEventDispatchThread()) {
                ask.run();
            } else {
                SwingUtilities.invokeAndWait(ask);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.lang.reflect.InvocationTargetException e) {
            return false;
        }
        return accepted.get();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65_535) {
                usage("--port must be 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            usage("--port must be a number");
            return 0;
        }
    }

    private static Lang parseLang(String value) {
        try {
            return Lang.fromWire(value.equalsIgnoreCase("zh") ? "zh-CN" : value);
        } catch (IllegalArgumentException e) {
            usage("--lang must be en or zh-CN");
            return Lang.EN;
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("vidshare-client: " + problem);
        }
        System.err.println("usage: vidshare-client [--host H] [--port P] [--lang en|zh-CN] [--dark | --light] [--downloads DIR] [--truststore FILE] [--tls | --plain]");
        System.exit(problem == null ? 0 : 2);
    }
}
