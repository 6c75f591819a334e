package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.ClientReply;

/** Small shared helpers of the views: the EDT executor, background calls with readable errors. */
final class Ui {
    /** Runs on the event thread, later. */
    static final Executor EDT = SwingUtilities::invokeLater;

    private Ui() {
    }

    /**
     * Sends a request off the EDT and hands a successful reply to {@code onOk} on the EDT; a failed
     * reply or a broken connection becomes an error dialog over {@code parent}.
     */
    static void call(Component parent, Connection connection, Texts texts, java.util.Map<String, ?> request,
                     Consumer<ClientReply> onOk) {
        whenDone(parent, connection, texts, connection.call(request), onOk);
    }

    static void whenDone(Component parent, Connection connection, Texts texts, CompletableFuture<ClientReply> future,
                         Consumer<ClientReply> onOk) {
        future.whenCompleteAsync((reply, failure) -> {
            if (failure != null) {
                error(parent, texts, ErrorText.of(failure, texts, connection.address()));
            } else if (!reply.ok()) {
                error(parent, texts, ErrorText.of(reply, texts));
            } else {
                onOk.accept(reply);
            }
        }, EDT);
    }

    static void error(Component parent, Texts texts, String text) {
        if (!gone(parent)) {
            JOptionPane.showMessageDialog(parent, wrap(text), texts.get("error.title"), JOptionPane.ERROR_MESSAGE);
        }
    }

    static void info(Component parent, String title, String text) {
        if (!gone(parent)) {
            JOptionPane.showMessageDialog(parent, wrap(text), title, JOptionPane.INFORMATION_MESSAGE);
        }
    }

    /**
     * Whether the component's window was closed: a reply or failure that arrives after its window
     * was disposed (its connection closed, a late refresh refused) has no one to tell, and a
     * message box for it would pop up ownerless over whatever window is open now.
     */
    static boolean gone(Component parent) {
        java.awt.Window window = parent instanceof java.awt.Window w ? w : SwingUtilities.getWindowAncestor(parent);
        return window != null && !window.isDisplayable();
    }

    static boolean confirm(Component parent, String title, String text) {
        return JOptionPane.showConfirmDialog(parent, wrap(text), title, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.QUESTION_MESSAGE) == JOptionPane.OK_OPTION;
    }

    /** Long server messages wrap instead of making a screen-wide dialog. */
    static String wrap(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
        return "<html><body style='width: 360px'>" + escaped + "</body></html>";
    }

    /** A button with the text of {@code key} and its mnemonic (Alt+letter). */
    static JButton button(String name, Texts texts, String key, Runnable action) {
        return mnemonic(button(name, texts.get(key), action), key);
    }

    /** Gives {@code button} (or menu item) the mnemonic the English text of {@code key} marks. */
    static <T extends javax.swing.AbstractButton> T mnemonic(T button, String key) {
        int letter = Texts.mnemonic(key);
        if (letter != 0) {
            button.setMnemonic(letter);
        }
        return button;
    }

    static JButton button(String name, String text, Runnable action) {
        JButton button = new JButton(text);
        button.setName(name);
        button.addActionListener(e -> action.run());
        return button;
    }
}
