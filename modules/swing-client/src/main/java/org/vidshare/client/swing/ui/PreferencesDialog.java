package org.vidshare.client.swing.ui;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.ClientPrefs;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;

/**
 * The preferences: the server list (the first is used at the next start), theme, language and
 * download folder. OK applies theme, language and folder at once and remembers all of it.
 */
final class PreferencesDialog extends JDialog {
    private final ClientWindow window;
    private final Texts texts;
    private final DefaultListModel<ClientPrefs.Server> servers = new DefaultListModel<>();
    private final JList<ClientPrefs.Server> serverList = new JList<>(servers);
    private final JComboBox<String> theme = new JComboBox<>();
    private final JComboBox<String> language = new JComboBox<>(new String[] {"English", "中文"});
    private final JTextField folder = new JTextField(28);

    PreferencesDialog(ClientWindow window) {
        super(window, window.texts().get("prefs.title"), ModalityType.DOCUMENT_MODAL);
        this.window = window;
        this.texts = window.texts();
        setName("prefs.dialog");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        ClientPrefs prefs = window.prefs();
        prefs.servers().forEach(servers::addElement);
        serverList.setName("prefs.servers");
        serverList.setCellRenderer(new PlainText.ListRenderer());
        serverList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        serverList.setVisibleRowCount(5);
        theme.setName("prefs.theme");
        theme.addItem(texts.get("prefs.theme.light"));
        theme.addItem(texts.get("prefs.theme.dark"));
        theme.setSelectedIndex(com.formdev.flatlaf.FlatLaf.isLafDark() ? 1 : 0);
        language.setName("prefs.language");
        language.setSelectedIndex(texts.lang() == Lang.ZH ? 1 : 0);
        folder.setName("prefs.downloads");
        folder.setText(window.downloadDir().toString());

        JPanel panel = new JPanel(new MigLayout("insets 16, fillx, wrap 2", "[right][grow,fill]", ""));
        panel.add(new JLabel(texts.get("prefs.servers")), "top");
        JPanel serverBox = new JPanel(new MigLayout("insets 0, fill, wrap 2", "[grow,fill][]", "[][][]push"));
        serverBox.add(new JScrollPane(serverList), "spany 3, grow, wmin 220, hmin 90");
        serverBox.add(Ui.button("prefs.server.add", texts, "prefs.server.add", this::addServer), "growx");
        serverBox.add(Ui.button("prefs.server.remove", texts, "prefs.server.remove", this::removeServer), "growx");
        serverBox.add(Ui.button("prefs.server.first", texts, "prefs.server.first", this::useFirst), "growx, top");
        panel.add(serverBox);
        panel.add(new JLabel(), "");
        panel.add(PlainText.label(texts.get("prefs.servers.hint")));
        panel.add(new JLabel(texts.get("prefs.theme")));
        panel.add(theme);
        panel.add(new JLabel(texts.get("prefs.language")));
        panel.add(language);
        panel.add(new JLabel(texts.get("prefs.downloads")));
        JPanel folderRow = new JPanel(new MigLayout("insets 0", "[grow,fill][]", "[]"));
        folderRow.add(folder);
        folderRow.add(Ui.button("prefs.downloads.browse", texts, "button.browse", this::browse));
        panel.add(folderRow);
        JButton ok = Ui.button("prefs.ok", texts.get("button.ok"), this::apply);
        panel.add(Ui.button("prefs.cancel", texts.get("button.cancel"), this::dispose), "span 2, split 2, right, sg b, gaptop 12");
        panel.add(ok, "sg b");
        getRootPane().setDefaultButton(ok);
        setContentPane(panel);
        pack();
        setMinimumSize(getSize());
        setLocationRelativeTo(window);
    }

    private void addServer() {
        String input = JOptionPane.showInputDialog(this, texts.get("prefs.server.prompt"), texts.get("prefs.servers"),
                JOptionPane.QUESTION_MESSAGE);
        if (input == null) {
            return;
        }
        ClientPrefs.parseServer(input).ifPresentOrElse(server -> {
            servers.removeElement(server);
            servers.add(0, server);
            serverList.setSelectedIndex(0);
        }, () -> Ui.error(this, texts, texts.get("prefs.server.bad")));
    }

    private void removeServer() {
        int index = serverList.getSelectedIndex();
        if (index >= 0) {
            servers.remove(index);
        }
    }

    private void useFirst() {
        ClientPrefs.Server server = serverList.getSelectedValue();
        if (server != null) {
            servers.removeElement(server);
            servers.add(0, server);
            serverList.setSelectedIndex(0);
        }
    }

    private void browse() {
        JFileChooser chooser = new JFileChooser(folder.getText());
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            folder.setText(chooser.getSelectedFile().getPath());
        }
    }

    private void apply() {
        Path dir;
        try {
            dir = Path.of(folder.getText().trim());
        } catch (InvalidPathException e) {
            Ui.error(this, texts, texts.get("form.no_file", texts.get("prefs.downloads")));
            return;
        }
        List<ClientPrefs.Server> list = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            list.add(servers.get(i));
        }
        window.prefs().setServers(list);
        dispose();
        window.applyPreferences(theme.getSelectedIndex() == 1, language.getSelectedIndex() == 1 ? Lang.ZH : Lang.EN,
                dir.toAbsolutePath());
    }
}
