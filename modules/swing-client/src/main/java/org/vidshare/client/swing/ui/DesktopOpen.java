package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.vidshare.client.swing.model.Texts;

/**
 * Opens a folder in the system's file manager. Where Java has none to start (a bare X server,
 * a headless box) the person gets the folder's path in their language, not a Java exception.
 */
final class DesktopOpen {
    private DesktopOpen() {
    }

    static void folder(Component parent, Texts texts, Path folder) {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Ui.info(parent, texts.get("button.open_folder"), texts.get("folder.no-desktop", folder.toString()));
            return;
        }
        // Desktop.open may block while the file manager starts: not on the EDT.
        CompletableFuture.runAsync(() -> {
            try {
                Files.createDirectories(folder);
                Desktop.getDesktop().open(folder.toFile());
            } catch (IOException | RuntimeException e) {
                Ui.EDT.execute(() -> Ui.error(parent, texts, texts.get("folder.failed", folder.toString(),
                        String.valueOf(e.getMessage()))));
            }
        });
    }
}
