package org.vidshare.client.swing.ui;

import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * The transfer queue: uploads and downloads with progress (bytes, rate, time left), the countdown
 * of a non-VIP wait or of the next automatic reconnect, and per row pause, resume, retry, cancel,
 * open file and show in folder; "clear finished" tidies the list. An admin can drop files here to
 * upload them. The actions work on every selected row.
 */
final class TransferPanel extends JPanel {
    private final TransferListModel model;
    private final JTable table;
    private final Timer ticker;
    private final List<Runnable> refreshers = new ArrayList<>();

    TransferPanel(ClientWindow window, TransferListModel model, Path downloadDir) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", "[][grow,fill][]"));
        this.model = model;
        Texts texts = window.texts();
        setName("transfers.panel");
        table = Tables.transfers(model);
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        boolean drops = TransferHooks.canUpload(window);
        add(new JLabel(texts.get("status.downloads", downloadDir.toString())
                + (drops ? "   ·   " + texts.get("transfers.drop_hint") : "")), "wrap");
        JScrollPane scroll = new JScrollPane(table);
        add(scroll, "grow, wrap");
        if (drops) {
            FileDrop handler = new FileDrop(files -> TransferHooks.uploadDropped(window, files));
            for (javax.swing.JComponent target : List.of(this, table, scroll, (javax.swing.JComponent) scroll.getViewport())) {
                target.setTransferHandler(handler);
            }
        }
        JPanel buttons = new JPanel(new MigLayout("insets 0", "[][][][][][][]", "[]"));
        add(buttons, "right");
        buttons.add(action("transfers.pause", texts, t -> t.state().active(), model::pause));
        buttons.add(action("transfers.resume", texts, t -> t.state() == Transfer.State.PAUSED, model::resume));
        buttons.add(action("transfers.retry", texts, t -> t.state() == Transfer.State.FAILED, model::resume));
        buttons.add(action("transfers.cancel", texts, t -> t.state().queued(), model::cancel));
        buttons.add(action("transfers.open_file", texts, t -> t.state() == Transfer.State.DONE,
                t -> DesktopActions.openFile(this, texts, t)));
        buttons.add(action("transfers.show_folder", texts, t -> true, t -> DesktopActions.showInFolder(this, texts, t.file())));
        JButton clear = Ui.button("transfers.clear", texts.get("transfers.clear"), model::clearFinished);
        buttons.add(clear);
        refreshers.add(() -> clear.setEnabled(model.transfers().stream().anyMatch(t -> !t.state().queued())));
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                List<Transfer> rows = selected();
                if (e.getClickCount() == 2 && rows.size() == 1 && rows.get(0).state() == Transfer.State.DONE) {
                    DesktopActions.openFile(TransferPanel.this, texts, rows.get(0));
                }
            }
        });
        table.getSelectionModel().addListSelectionListener(e -> refresh());
        // Countdowns, rates and times left move with the clock, not only with the bytes; a paused
        // or finished row shows none of them, so only the active rows are repainted.
        ticker = new Timer(500, e -> {
            for (int row = 0; row < model.getRowCount(); row++) {
                if (model.transfer(row).state().active()) {
                    model.fireTableRowsUpdated(row, row);
                }
            }
            refresh();
        });
        ticker.start();
        refresh();
    }

    /** A button for the selected rows: enabled when one of them qualifies, acting on those that do. */
    private JButton action(String key, Texts texts, Predicate<Transfer> applies, java.util.function.Consumer<Transfer> act) {
        JButton button = Ui.button(key, texts.get(key), () -> selected().stream().filter(applies).forEach(act));
        refreshers.add(() -> button.setEnabled(selected().stream().anyMatch(applies)));
        return button;
    }

    private void refresh() {
        refreshers.forEach(Runnable::run);
    }

    void stop() {
        ticker.stop();
    }

    private List<Transfer> selected() {
        List<Transfer> rows = new ArrayList<>();
        for (int row : table.getSelectedRows()) {
            int index = table.convertRowIndexToModel(row);
            if (index < model.getRowCount()) {
                rows.add(model.transfer(index));
            }
        }
        return rows;
    }
}
