package org.vidshare.client.swing.ui;

import java.awt.Color;
import java.awt.Frame;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.ClientReply;

/**
 * Sign in or register. The password leaves this dialog only as its md5 (the connection model
 * hashes it) and is not kept. Errors show inline, so a mistyped password costs no extra click.
 */
final class LoginDialog extends JDialog {
    private final Connection connection;
    private final Texts texts;
    private final Runnable onSignedIn;
    private final JTextField name = new JTextField(20);
    private final JPasswordField password = new JPasswordField(20);
    private final JComboBox<String> userType = new JComboBox<>();
    private final JComboBox<String> language = new JComboBox<>(new String[] {"English", "中文"});
    private final JLabel status = new JLabel(" ");
    private final JButton signIn = new JButton();
    private final JButton register = new JButton();

    LoginDialog(Frame owner, Connection connection, Texts texts, Runnable onSignedIn) {
        super(owner, true);
        this.connection = connection;
        this.texts = texts;
        this.onSignedIn = onSignedIn;
        setName("login.dialog");
        name.setName("login.name");
        password.setName("login.password");
        userType.setName("login.type");
        language.setName("login.language");
        signIn.setName("login.signin");
        register.setName("login.register");
        status.setName("login.status");
        language.setSelectedIndex(texts.lang() == Lang.ZH ? 1 : 0);
        language.addActionListener(e -> switchLanguage());
        signIn.addActionListener(e -> signIn());
        register.addActionListener(e -> register());
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        layoutContent();
        getRootPane().setDefaultButton(signIn);
    }

    private void layoutContent() {
        JPanel panel = new JPanel(new MigLayout("insets 16, fillx, wrap 2", "[right][grow,fill]", "[]8[][][][]12[][]"));
        JLabel title = new JLabel(texts.get("login.title"));
        title.setFont(title.getFont().deriveFont(title.getFont().getSize2D() * 1.4f));
        panel.add(title, "span 2, left, wrap 12");
        panel.add(new JLabel(texts.get("login.server")));
        panel.add(new JLabel(connection.address()));
        panel.add(new JLabel(texts.get("login.name")));
        panel.add(name);
        panel.add(new JLabel(texts.get("login.password")));
        panel.add(password);
        int selectedType = Math.max(0, userType.getSelectedIndex());
        userType.removeAllItems();
        userType.addItem(texts.get("login.type.user"));
        userType.addItem(texts.get("login.type.admin"));
        userType.setSelectedIndex(selectedType);
        panel.add(new JLabel(texts.get("login.type")));
        panel.add(userType);
        panel.add(new JLabel(texts.get("menu.language")));
        panel.add(language);
        status.setForeground(errorColor());
        panel.add(status, "span 2, growx, wmin 10");
        signIn.setText(texts.get("login.signin"));
        register.setText(texts.get("login.register"));
        Ui.mnemonic(signIn, "login.signin");
        Ui.mnemonic(register, "login.register");
        panel.add(register, "span 2, split 2, right, sg buttons");
        panel.add(signIn, "sg buttons");
        setTitle(texts.get("login.title"));
        setContentPane(panel);
        pack();
        setMinimumSize(getSize());
        setLocationRelativeTo(getOwner());
    }

    private static Color errorColor() {
        Color color = UIManager.getColor("Component.error.focusedBorderColor");
        return color == null ? new Color(0xC62828) : color;
    }

    private void show(String text, boolean error) {
        status.setForeground(error ? errorColor() : UIManager.getColor("Label.foreground"));
        status.setText(Ui.wrap(text).replace("360px", "280px"));
        pack();
    }

    private void switchLanguage() {
        Lang lang = language.getSelectedIndex() == 1 ? Lang.ZH : Lang.EN;
        if (lang != texts.lang()) {
            texts.setLang(lang);
            connection.setLang(lang);
            layoutContent();
        }
    }

    private String selectedType() {
        return userType.getSelectedIndex() == 1 ? "admin" : "user";
    }

    private void busy(boolean busy) {
        signIn.setEnabled(!busy);
        register.setEnabled(!busy);
        if (busy) {
            show(texts.get("state.connecting"), false);
        }
    }

    private void signIn() {
        busy(true);
        connection.login(name.getText(), new String(password.getPassword()), selectedType())
                .whenCompleteAsync(this::afterSignIn, Ui.EDT);
    }

    private void afterSignIn(ClientReply reply, Throwable failure) {
        busy(false);
        if (failure != null) {
            show(ErrorText.of(failure, texts, connection.address()), true);
        } else if (!reply.ok()) {
            show(ErrorText.of(reply, texts), true);
        } else {
            password.setText("");
            dispose();
            onSignedIn.run();
        }
    }

    private void register() {
        busy(true);
        connection.register(name.getText(), new String(password.getPassword()), selectedType())
                .whenCompleteAsync((reply, failure) -> {
                    busy(false);
                    if (failure != null) {
                        show(ErrorText.of(failure, texts, connection.address()), true);
                    } else if (!reply.ok()) {
                        show(ErrorText.of(reply, texts), true);
                    } else {
                        show(texts.get("login.registered"), false);
                    }
                }, Ui.EDT);
    }
}
