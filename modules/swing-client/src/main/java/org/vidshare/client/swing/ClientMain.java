package org.vidshare.client.swing;

import com.formdev.flatlaf.FlatLightLaf;
import java.io.IOException;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import net.miginfocom.swing.MigLayout;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.VidShareClient;

/** {@code vidshare-client [--host H] [--port P]}: for now a window that connects and shows what the server offers. */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8087;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String targetHost = host;
        int targetPort = port;
        FlatLightLaf.setup();
        SwingUtilities.invokeLater(() -> show(targetHost, targetPort));
    }

    private static void show(String host, int port) {
        JFrame frame = new JFrame("VidShare");
        JPanel panel = new JPanel(new MigLayout("insets 12, fillx", "[right][grow,fill]", "[][]"));
        JLabel status = new JLabel("Connecting to " + host + ":" + port + " ...");
        panel.add(new JLabel("Server"));
        panel.add(status, "wrap");
        frame.setContentPane(panel);
        frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
        frame.setSize(640, 240);
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
        new SwingWorker<String, Void>() {
            @Override
            protected String doInBackground() throws IOException {
                try (VidShareClient client = VidShareClient.connect(host, port)) {
                    ClientReply hello = client.hello("en");
                    return hello.ok() ? "Connected: " + hello.list("features").size() + " public commands" : hello.msg();
                }
            }

            @Override
            protected void done() {
                try {
                    status.setText(get());
                } catch (Exception e) {
                    status.setText("Cannot connect: " + e.getCause().getMessage());
                }
            }
        }.execute();
    }
}
