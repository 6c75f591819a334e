package org.vidshare.client.swing.ui;

import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.ClientReply;

/**
 * Help and About: the client's version, the server's (as its hello names it) and the protocol,
 * where the documentation is, and the keyboard shortcuts. All plain text, the server's words
 * included, and nothing that opens a browser: help stays inside the app.
 */
final class AboutDialog extends JDialog {
    AboutDialog(ClientWindow window) {
        super(window, window.texts().get("about.title"), ModalityType.DOCUMENT_MODAL);
        setName("about.dialog");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        Texts texts = window.texts();
        JPanel panel = new JPanel(new MigLayout("insets 16, fillx, wrap 2", "[][grow,fill]", ""));
        JLabel icon = new JLabel(new javax.swing.ImageIcon(AppIcon.images().get(AppIcon.images().size() - 2)));
        panel.add(icon, "top, spany 2, gapright 12");
        JLabel title = new JLabel(texts.get("app.title"));
        title.setFont(title.getFont().deriveFont(title.getFont().getSize2D() * 1.5f));
        panel.add(title);
        JTextArea facts = text(String.join("\n", lines(window.connection(), texts)));
        facts.setName("about.text");
        panel.add(facts, "wmin 380");
        panel.add(Ui.button("about.close", texts.get("button.close"), this::dispose), "span 2, right, gaptop 12");
        setContentPane(panel);
        pack();
        setLocationRelativeTo(window);
    }

    static java.util.List<String> lines(Connection connection, Texts texts) {
        ClientReply hello = connection.lastHello();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(texts.get("about.client", Connection.CLIENT));
        if (hello != null && hello.ok()) {
            lines.add(texts.get("about.server", hello.json().path("server").asText("?"), connection.address()));
            lines.add(texts.get("about.protocol", hello.json().path("protocol").asText("?")));
        } else {
            lines.add(texts.get("about.server.none", connection.address()));
        }
        lines.add(texts.get("about.docs"));
        lines.add("");
        lines.add(texts.get("about.shortcuts"));
        for (String key : new String[] {"shortcut.refresh", "shortcut.search", "shortcut.delete", "shortcut.escape",
            "shortcut.mnemonics"}) {
            lines.add("  " + texts.get(key));
        }
        return lines;
    }

    /** Selectable (for copying), never editable, never HTML. */
    private static JTextArea text(String content) {
        JTextArea area = new JTextArea(content);
        area.setEditable(false);
        area.setOpaque(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setBorder(null);
        return area;
    }
}
