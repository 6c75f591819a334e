package org.vidshare.client.swing.ui;

import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.vidshare.client.swing.model.Message;
import org.vidshare.client.swing.model.Texts;

/**
 * The status bar's text, kept as a {@link Message}: after a language switch it shows the same
 * message in the new language (a rendered string would stay in the old one).
 */
final class StatusLine extends JLabel {
    private final transient Texts texts;
    private transient Message message = Message.literal(" ");

    StatusLine(Texts texts) {
        this.texts = texts;
        PlainText.plain(this); // messages carry server words and addresses
        texts.onChange(() -> SwingUtilities.invokeLater(this::render));
        setText(" ");
    }

    void show(Message shown) {
        this.message = shown;
        render();
    }

    Message message() {
        return message;
    }

    private void render() {
        String text = message.render(texts);
        setText(text.isEmpty() ? " " : text);
    }
}
