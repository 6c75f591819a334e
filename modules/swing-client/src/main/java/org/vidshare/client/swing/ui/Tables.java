package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableRowSorter;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * The tables of the window (movies, transfers, results), with renderers that show server text
 * as plain text ({@link PlainText}); the panels place them, and tests render them headless.
 */
public final class Tables {
    private Tables() {
    }

    /** The movie list: cells formatted by the model (money, sizes, times), raw values kept for sorting. */
    public static JTable movies(MovieTableModel model) {
        JTable table = PlainText.table(model);
        table.setName("movies.table");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoCreateRowSorter(false);
        table.setRowSorter(new TableRowSorter<>(model));
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Long.class, new DisplayRenderer(model, SwingConstants.RIGHT));
        table.setDefaultRenderer(String.class, new DisplayRenderer(model, SwingConstants.LEFT));
        // Durations (a Double column) are formatted by the model like the rest.
        table.setDefaultRenderer(Double.class, new DisplayRenderer(model, SwingConstants.RIGHT));
        table.getColumnModel().getColumn(0).setMaxWidth(70);
        table.getColumnModel().getColumn(1).setPreferredWidth(420);
        return table;
    }

    /** The transfer list, with a progress bar column. */
    public static JTable transfers(TransferListModel model) {
        JTable table = PlainText.table(model);
        table.setName("transfers.table");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Double.class, new ProgressRenderer());
        table.getColumnModel().getColumn(0).setPreferredWidth(260);
        table.getColumnModel().getColumn(2).setPreferredWidth(260);
        table.getColumnModel().getColumn(3).setPreferredWidth(200);
        table.getColumnModel().getColumn(4).setPreferredWidth(200);
        return table;
    }

    /** A result tab's table of whatever result {@code result} holds at the time (a tab shows one reply after another). */
    public static JTable results(Supplier<ResultModel> result, Texts texts) {
        JTable table = PlainText.table(new ResultTableModel(result, texts));
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Object.class, new PlainText.TableRenderer() {
            @Override
            public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                           int row, int column) {
                super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                ResultModel shown = result.get();
                String key = shown == null ? "" : shown.shownColumns().get(t.convertColumnIndexToModel(column));
                setText(Formats.cell(key, value == null ? "" : value.toString(), texts));
                setToolTipText(value == null || value.toString().length() < 40 ? null : Ui.wrap(value.toString()));
                return this;
            }
        });
        return table;
    }

    /**
     * Column widths by {@link ResultModel#weight}: the table fills its width in these shares
     * (JTable's default resize mode), so text columns stay wide and none drops out of sight.
     */
    static void weigh(JTable table, List<String> keys) {
        for (int i = 0; i < keys.size() && i < table.getColumnModel().getColumnCount(); i++) {
            javax.swing.table.TableColumn column = table.getColumnModel().getColumn(i);
            column.setMinWidth(40);
            column.setPreferredWidth(80 * ResultModel.weight(keys.get(i)));
        }
    }

    /** The table of a result dialog (one reply, read once). */
    public static JTable resultDialog(ResultModel result, Texts texts) {
        JTable table = PlainText.table(FormDialog.readable(result, texts));
        table.setFillsViewportHeight(true);
        return table;
    }

    private static final class DisplayRenderer extends PlainText.TableRenderer {
        private final MovieTableModel model;

        DisplayRenderer(MovieTableModel model, int alignment) {
            this.model = model;
            setHorizontalAlignment(alignment);
        }

        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            super.getTableCellRendererComponent(t, value, selected, focus, row, column);
            setText(model.display(t.convertRowIndexToModel(row), t.convertColumnIndexToModel(column)));
            setBorder(javax.swing.BorderFactory.createCompoundBorder(getBorder(),
                    javax.swing.BorderFactory.createEmptyBorder(0, 6, 0, 6)));
            return this;
        }
    }

    /**
     * The bar is the renderer itself: JTable.updateUI passes a theme switch on to renderers that
     * are components, and a bar held inside a plain renderer kept the old theme's look.
     */
    private static final class ProgressRenderer extends JProgressBar implements TableCellRenderer {
        ProgressRenderer() {
            super(0, 1000);
            PlainText.plain(this);
            setName("transfers.progress");
            setStringPainted(true);
        }

        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            double fraction = value instanceof Double d ? d : 0;
            setValue((int) Math.round(fraction * 1000));
            setString(String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100));
            return this;
        }
    }

    private static final class ResultTableModel extends AbstractTableModel {
        private final Supplier<ResultModel> result;
        private final Texts texts;

        ResultTableModel(Supplier<ResultModel> result, Texts texts) {
            this.result = result;
            this.texts = texts;
        }

        @Override
        public int getRowCount() {
            ResultModel shown = result.get();
            return shown == null ? 0 : shown.rows().size();
        }

        @Override
        public int getColumnCount() {
            ResultModel shown = result.get();
            return shown == null ? 0 : shown.shownColumns().size();
        }

        @Override
        public String getColumnName(int column) {
            return Formats.column(result.get().shownColumns().get(column), texts);
        }

        @Override
        public Object getValueAt(int row, int column) {
            ResultModel shown = result.get();
            return shown.cell(row, shown.shownColumns().get(column));
        }
    }
}
