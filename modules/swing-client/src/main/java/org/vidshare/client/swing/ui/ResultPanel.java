package org.vidshare.client.swing.ui;

import java.util.Map;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.ResultModel;

/**
 * A tab that runs one reading command (notices, download records, users, wallet ledger) and
 * shows its reply through the generic result model; buttons may act on the selected row.
 */
final class ResultPanel extends JPanel implements Reloadable {
    private final ClientWindow window;
    private final String command;
    private final String resultKind;
    private final JTable table;
    private final JLabel summary = PlainText.label(" ");
    private final JPanel buttons = new JPanel(new MigLayout("insets 0", "[]", "[]"));
    private ResultModel result;

    ResultPanel(ClientWindow window, String command, String resultKind) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", "[][grow,fill][]"));
        this.window = window;
        this.command = command;
        this.resultKind = resultKind;
        setName("result." + command);
        table = Tables.results(() -> result, window.texts());
        table.setName("result." + command + ".table");
        add(summary, "split 2, growx");
        add(Ui.button("result." + command + ".refresh", window.texts(), "button.refresh", this::reload), "right, wrap");
        add(new JScrollPane(table), "grow, hmin 120, wrap");
        add(buttons, "right");
    }

    JLabel summary() {
        return summary;
    }

    void addButton(JButton button) {
        buttons.add(button);
    }

    /** The selected row's value of {@code key}, or null. */
    String selected(String key) {
        int row = table.getSelectedRow();
        if (row < 0 || result == null || !result.columns().contains(key)) {
            return null;
        }
        return result.rows().get(table.convertRowIndexToModel(row)).get(result.columns().indexOf(key));
    }

    @Override
    public void reload() {
        Ui.call(this, window.connection(), window.texts(), Map.of("type", command), reply -> {
            show(ResultModel.of(resultKind, reply, window.texts()));
            window.afterReply(command, reply);
        });
    }

    void show(ResultModel newResult) {
        this.result = newResult;
        ((AbstractTableModel) table.getModel()).fireTableStructureChanged();
        Tables.weigh(table, newResult.shownColumns());
        if (newResult.kind() == ResultModel.Kind.TABLE && newResult.rows().isEmpty()) {
            summary.setText(window.texts().get("result.empty"));
        } else if (summary.getText().isBlank() || summary.getText().equals(window.texts().get("result.empty"))) {
            summary.setText(" ");
        }
    }
}
