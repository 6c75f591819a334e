package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.vidshare.client.swing.model.Texts;

/**
 * Opens a file (the system's player) or a folder (its file manager) with {@code Desktop.open}.
 * Where Java has no desktop to ask (a bare X server, a headless box) the person reads the path
 * in their language, never a Java exception.
 */
final class DesktopOpen {
    private DesktopOpen() {
    }

    /** The download folder in the file manager (made first if it is not there yet). */
    static void folder(Component parent, Texts texts, Path folder) {
        open(parent, texts, "button.open_folder", folder, "folder.no-desktop", "folder.failed");
    }

    /**
     * @param titleKey    the title of a message about it
     * @param noDesktopKey the words (with the path as {0}) when the system has nothing to open it with
     * @param failedKey   the words (path {0}, the system's reason {1}) when opening failed
     */
    static void open(Component parent, Texts texts, String titleKey, Path target, String noDesktopKey, String failedKey) {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Ui.info(parent, texts.get(titleKey), texts.get(noDesktopKey, target.toString()));
            return;
        }
        // Desktop.open may block while the desktop starts the player or file manager: not on the EDT.
        CompletableFuture.runAsync(() -> {
            try {
                if (!Files.exists(target)) {
                    Files.createDirectories(target);
                }
                Desktop.getDesktop().open(target.toFile());
            } catch (IOException | RuntimeException e) {
                Ui.EDT.execute(() -> Ui.error(parent, texts, texts.get(failedKey, target.toString(),
                        String.valueOf(e.getMessage()))));
            }
        });
    }
}
