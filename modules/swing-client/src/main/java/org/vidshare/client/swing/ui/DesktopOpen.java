package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.awt.Desktop;
import java.nio.file.Path;
import org.vidshare.client.swing.model.Texts;

/**
 * The one way the client hands a file to the desktop's own programs ({@code Desktop.open}, the
 * file manager): off the EDT, since a desktop call may block while it starts a program, and where
 * Java has no desktop to ask (a bare X server, a headless box) or the desktop refuses, the person
 * reads where the file is in their language, never a Java exception.
 */
final class DesktopOpen {
    private DesktopOpen() {
    }

    /** A call to the desktop that may fail. */
    @FunctionalInterface
    interface DesktopCall {
        void run() throws Exception;
    }

    static boolean supported(Desktop.Action action) {
        return Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(action);
    }

    /**
     * Opens a file with the system's program for it (Play: the player).
     *
     * @param titleKey     the title of a message about it
     * @param noDesktopKey the words (with the path as {0}) when the system has nothing to open it with
     * @param failedKey    the words (path {0}, the system's reason {1}) when opening failed
     */
    static void open(Component parent, Texts texts, String titleKey, Path target, String noDesktopKey, String failedKey) {
        if (!supported(Desktop.Action.OPEN)) {
            Ui.info(parent, texts.get(titleKey), texts.get(noDesktopKey, target.toString()));
            return;
        }
        inBackground(() -> Desktop.getDesktop().open(target.toFile()), e -> Ui.error(parent, texts,
                texts.get(failedKey, target.toString(), String.valueOf(e.getMessage()))));
    }

    /** Runs a desktop call on a daemon thread; {@code failed} runs on the EDT with what went wrong. */
    static void inBackground(DesktopCall call, java.util.function.Consumer<Exception> failed) {
        Thread thread = new Thread(() -> {
            try {
                call.run();
            } catch (Exception e) {
                Ui.EDT.execute(() -> failed.accept(e));
            }
        }, "vidshare-desktop");
        thread.setDaemon(true);
        thread.start();
    }
}
