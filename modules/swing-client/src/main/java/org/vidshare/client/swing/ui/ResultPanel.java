package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.util.List;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.ResultModel;

/**
 * A tab that runs one reading command (notices, download records, users, wallet ledger) and
 * shows its reply through the generic result model; buttons may act on the selected row.
 */
final class ResultPanel extends JPanel {
    private final ClientWindow window;
    private final String command;
    private final String resultKind;
    private final ResultTableModel tableModel = new ResultTableModel();
    private final JTable table = new JTable(tableModel);
    private final JLabel summary = new JLabel(" ");
    private final JPanel buttons = new JPanel(new MigLayout("insets 0", "[]", "[]"));
    private ResultModel result;

    ResultPanel(ClientWindow window, String command, String resultKind) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", "[][grow,fill][]"));
        this.window = window;
        this.command = command;
        this.resultKind = resultKind;
        setName("result." + command);
        table.setName("result." + command + ".table");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Object.class, new DefaultTableCellRenderer() {
            @Override
            public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                           int row, int column) {
                super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                String key = result == null ? "" : result.columns().get(t.convertColumnIndexToModel(column));
                setText(Formats.cell(key, value == null ? "" : value.toString(), window.texts()));
                setToolTipText(value == null || value.toString().length() < 40 ? null : Ui.wrap(value.toString()));
                return this;
            }
        });
        add(summary, "split 2, growx");
        add(Ui.button("result." + command + ".refresh", window.texts().get("button.refresh"), this::reload), "right, wrap");
        add(new JScrollPane(table), "grow, wrap");
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

    void reload() {
        Ui.call(this, window.connection(), window.texts(), Map.of("type", command), reply -> {
            show(ResultModel.of(resultKind, reply, window.texts()));
            window.afterReply(command, reply);
        });
    }

    void show(ResultModel newResult) {
        this.result = newResult;
        tableModel.fireTableStructureChanged();
        if (newResult.kind() == ResultModel.Kind.TABLE && newResult.rows().isEmpty()) {
            summary.setText(window.texts().get("result.empty"));
        } else if (summary.getText().isBlank() || summary.getText().equals(window.texts().get("result.empty"))) {
            summary.setText(" ");
        }
    }

    private final class ResultTableModel extends AbstractTableModel {
        @Override
        public int getRowCount() {
            return result == null ? 0 : result.rows().size();
        }

        @Override
        public int getColumnCount() {
            return result == null ? 0 : result.columns().size();
        }

        @Override
        public String getColumnName(int column) {
            return Formats.column(result.columns().get(column), window.texts());
        }

        @Override
        public Object getValueAt(int row, int column) {
            List<String> cells = result.rows().get(row);
            return column < cells.size() ? cells.get(column) : "";
        }
    }
}
