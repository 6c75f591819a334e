package org.vidshare.client.swing.ui;

import java.nio.file.Path;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * Uploads and downloads of this window with progress (bytes, rate, time left), the countdown of
 * a non-VIP wait, cancel (closes the transfer's connection) and resume (from the partial).
 */
final class TransferPanel extends JPanel {
    private final TransferListModel model;
    private final JTable table;
    private final Timer ticker;

    TransferPanel(ClientWindow window, TransferListModel model, Path downloadDir) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", "[][grow,fill][]"));
        this.model = model;
        var texts = window.texts();
        setName("transfers.panel");
        table = Tables.transfers(model);
        add(new JLabel(texts.get("status.downloads", downloadDir.toString())), "wrap");
        add(new JScrollPane(table), "grow, wrap");
        JPanel buttons = new JPanel(new MigLayout("insets 0", "[][][]", "[]"));
        add(buttons, "right");
        buttons.add(Ui.button("transfers.cancel", texts.get("button.cancel"), () -> {
            Transfer t = selected();
            if (t != null) {
                t.cancel();
            }
        }));
        buttons.add(Ui.button("transfers.resume", texts.get("button.resume"), () -> {
            Transfer t = selected();
            if (t != null && (t.state() == Transfer.State.CANCELLED || t.state() == Transfer.State.FAILED)) {
                model.resume(t);
            }
        }));
        buttons.add(Ui.button("transfers.open", texts, "button.open_folder",
                () -> DesktopOpen.folder(this, texts, downloadDir)));
        // Countdowns, rates and times left move with the clock, not only with the bytes.
        ticker = new Timer(500, e -> {
            for (int row = 0; row < model.getRowCount(); row++) {
                if (!model.transfer(row).state().finished()) {
                    model.fireTableRowsUpdated(row, row);
                }
            }
        });
        ticker.start();
    }

    void stop() {
        ticker.stop();
    }

    private Transfer selected() {
        int row = table.getSelectedRow();
        return row < 0 ? null : model.transfer(table.convertRowIndexToModel(row));
    }
}
