package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.awt.Desktop;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;

/**
 * "Open file" and "Show in folder" for a transfer row, through the desktop's own programs. Where
 * Java has no desktop (no file manager, a bare X server) or the desktop refuses, the person reads
 * where the file is, never a Java exception.
 */
final class DesktopActions {
    private DesktopActions() {
    }

    static void openFile(Component parent, Texts texts, Transfer transfer) {
        Path file = transfer.file();
        String title = texts.get("transfers.open_file");
        if (!Files.isRegularFile(file)) {
            Ui.info(parent, title, texts.get("transfers.not_done", transfer.name()));
        } else if (!supported(Desktop.Action.OPEN)) {
            Ui.info(parent, title, texts.get("transfers.no_desktop", file.toString()));
        } else {
            inBackground(parent, texts, title, file, () -> Desktop.getDesktop().open(file.toFile()));
        }
    }

    /** The file selected in its folder where the desktop can, else the folder opened, else where it is. */
    static void showInFolder(Component parent, Texts texts, Path file) {
        String title = texts.get("transfers.show_folder");
        File folder = file.toAbsolutePath().getParent().toFile();
        if (supported(Desktop.Action.BROWSE_FILE_DIR) && Files.exists(file)) {
            inBackground(parent, texts, title, file, () -> Desktop.getDesktop().browseFileDirectory(file.toFile()));
        } else if (supported(Desktop.Action.OPEN) && folder.isDirectory()) {
            inBackground(parent, texts, title, file, () -> Desktop.getDesktop().open(folder));
        } else {
            Ui.info(parent, title, texts.get("transfers.no_desktop", file.toString()));
        }
    }

    private static boolean supported(Desktop.Action action) {
        return DesktopOpen.supported(action);
    }

    /** "Failed to show URI:file:..." says nothing to a person: on failure, say where the file is. */
    private static void inBackground(Component parent, Texts texts, String title, Path file, DesktopOpen.DesktopCall call) {
        DesktopOpen.inBackground(call, e -> Ui.info(parent, title, texts.get("transfers.no_desktop", file.toString())));
    }
}
