package org.vidshare.client.swing;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import javax.swing.SwingUtilities;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.ui.ClientWindow;

/**
 * {@code vidshare-client [--host H] [--port P] [--lang en|zh-CN] [--dark] [--downloads DIR]}: the
 * desktop client. The language defaults to the system's (Chinese on a Chinese system, else
 * English) and can be switched in the window; downloads go to {@code ~/Downloads/VidShare}.
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8087;
        Lang lang = Lang.systemDefault();
        boolean dark = false;
        Path downloads = Path.of(System.getProperty("user.home"), "Downloads", "VidShare");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--dark" -> dark = true;
                case "--host", "--port", "--lang", "--downloads" -> {
                    if (i + 1 >= args.length) {
                        usage(option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--host" -> host = value;
                        case "--port" -> port = parsePort(value);
                        case "--lang" -> lang = parseLang(value);
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
        SwingUtilities.invokeLater(() -> {
            ClientWindow.applyTheme(darkTheme);
            ClientWindow window = ClientWindow.open(targetHost, targetPort, targetLang, targetDownloads);
            window.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    System.exit(0);
                }
            });
        });
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
        System.err.println("usage: vidshare-client [--host H] [--port P] [--lang en|zh-CN] [--dark] [--downloads DIR]");
        System.exit(problem == null ? 0 : 2);
    }
}
