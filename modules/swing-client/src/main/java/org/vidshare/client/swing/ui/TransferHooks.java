package org.vidshare.client.swing.ui;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JOptionPane;
import javax.swing.WindowConstants;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Message;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * Where the transfer queue meets the window: its notes go to the status bar (a reconnect never
 * opens a dialog), a finished download is announced (tray message where the desktop has a tray,
 * else the status bar), a download asks before replacing a file, closing the window with transfers
 * running asks first (they stay queued for next time), and after sign-in the transfers an earlier
 * run left unfinished are offered for resuming.
 */
final class TransferHooks {
    private final ClientWindow window;
    private final TransferListModel transfers;
    private final Texts texts;
    private final Consumer<Message> status;
    private TrayIcon tray;

    private TransferHooks(ClientWindow window, TransferListModel transfers, Consumer<Message> status) {
        this.window = window;
        this.transfers = transfers;
        this.texts = window.texts();
        this.status = status;
    }

    static TransferHooks install(ClientWindow window, TransferListModel transfers, Consumer<Message> status) {
        TransferHooks hooks = new TransferHooks(window, transfers, status);
        transfers.onStatus(status);
        transfers.onDownloadDone(hooks::announce);
        transfers.setOverwritePrompt(hooks::askOverwrite);
        window.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (hooks.mayClose()) {
                    window.dispose();
                }
            }

            @Override
            public void windowClosed(WindowEvent e) {
                hooks.removeTray();
            }
        });
        return hooks;
    }

    /** Whether the window may close: at once when nothing runs, else when the person says so. */
    boolean mayClose() {
        long active = transfers.activeCount();
        return active == 0 || Ui.confirm(window, texts.get("transfers.close.title"),
                texts.get("transfers.close.question", active));
    }

    /** After sign-in: the unfinished transfers of last time come back as paused rows; resume them if the person wants. */
    void offerResume() {
        List<Transfer> restored = transfers.restoreSaved();
        if (restored.isEmpty()) {
            return;
        }
        window.selectTab("transfers");
        int answer = JOptionPane.showConfirmDialog(window, Ui.wrap(texts.get("transfers.restore.question", restored.size())),
                texts.get("transfers.restore.title"), JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE);
        if (answer == JOptionPane.YES_OPTION) {
            transfers.resumeAll(restored);
        }
    }

    static boolean canUpload(ClientWindow window) {
        Connection.Account who = window.connection().account();
        return who != null && who.admin() && window.connection().hasFeature("upload_movie");
    }

    /** Files dropped on the transfers: one question (free or paid) for all, then one upload row each. */
    static void uploadDropped(ClientWindow window, List<Path> files) {
        if (!canUpload(window)) {
            return;
        }
        Texts texts = window.texts();
        Object[] options = {texts.get("movie.free"), texts.get("movie.charge"), texts.get("button.cancel")};
        int answer = JOptionPane.showOptionDialog(window, Ui.wrap(texts.get("transfers.dropped", files.size())),
                texts.get("upload.title"), JOptionPane.YES_NO_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE, null,
                options, options[0]);
        if (answer == 0 || answer == 1) {
            window.transfers().uploadAll(files, answer == 0);
            window.selectTab("transfers");
        }
    }

    private TransferListModel.OverwritePrompt.Choice askOverwrite(Path existing) {
        Object[] options = {texts.get("transfers.overwrite.replace"), texts.get("transfers.overwrite.keep_both"),
            texts.get("button.cancel")};
        int answer = JOptionPane.showOptionDialog(window, Ui.wrap(texts.get("transfers.overwrite.question", existing)),
                texts.get("transfers.overwrite.title"), JOptionPane.YES_NO_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE,
                null, options, options[1]);
        return switch (answer) {
            case 0 -> TransferListModel.OverwritePrompt.Choice.OVERWRITE;
            case 1 -> TransferListModel.OverwritePrompt.Choice.KEEP_BOTH;
            default -> TransferListModel.OverwritePrompt.Choice.CANCEL;
        };
    }

    private void announce(Transfer done) {
        String title = texts.get("transfer.done.title");
        String message = texts.get("transfer.done.message", done.name(), done.file().toString());
        // The status bar keeps the note as a message: a language switch re-renders it.
        status.accept(Message.composed(title + ": " + message, t -> t.get("transfer.done.title") + ": "
                + t.get("transfer.done.message", done.name(), done.file().toString())));
        TrayIcon icon = tray();
        if (icon != null) {
            icon.displayMessage(title, message, TrayIcon.MessageType.INFO);
        }
    }

    /** The tray icon, added on the first announcement; null where the desktop has no tray. */
    private TrayIcon tray() {
        if (tray == null && SystemTray.isSupported()) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0x2E7D32));
            g.fillRoundRect(1, 1, 14, 14, 4, 4);
            g.dispose();
            TrayIcon icon = new TrayIcon(image, texts.get("app.title"));
            icon.setImageAutoSize(true);
            try {
                SystemTray.getSystemTray().add(icon);
                tray = icon;
            } catch (AWTException | UnsupportedOperationException e) {
                return null; // no tray after all: the status bar said it
            }
        }
        return tray;
    }

    private void removeTray() {
        if (tray != null) {
            SystemTray.getSystemTray().remove(tray);
            tray = null;
        }
    }
}
