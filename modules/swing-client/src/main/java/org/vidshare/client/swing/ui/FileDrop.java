package org.vidshare.client.swing.ui;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/** Accepts files dragged from the desktop and hands their paths on (the admin's drag-and-drop upload). */
final class FileDrop extends TransferHandler {
    private final Consumer<List<Path>> dropped;

    FileDrop(Consumer<List<Path>> dropped) {
        this.dropped = dropped;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        try {
            List<?> files = (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            List<Path> paths = files.stream().filter(File.class::isInstance).map(f -> ((File) f).toPath()).toList();
            if (paths.isEmpty()) {
                return false;
            }
            dropped.accept(paths);
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }
}
