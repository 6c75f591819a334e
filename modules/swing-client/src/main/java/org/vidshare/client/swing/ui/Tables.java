package org.vidshare.client.swing.ui;

import java.awt.Component;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableRowSorter;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.swing.model.ViewModel;

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

    /** A spec-built view's table: the declared columns, cells formatted by the view model. */
    public static JTable view(ViewModel view) {
        JTable table = PlainText.table(view);
        table.setName("view." + view.type() + ".table");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.setDefaultRenderer(Object.class, new PlainText.TableRenderer() {
            @Override
            public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                           int row, int column) {
                super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                String text = value == null ? "" : value.toString();
                setToolTipText(text.length() < 40 ? null : Ui.wrap(text));
                return this;
            }
        });
        weigh(table, view);
        view.addTableModelListener(e -> weigh(table, view)); // a new reply rebuilds the columns
        return table;
    }

    /**
     * Column widths in shares of the table's width (JTable's default resize mode) by what a column
     * holds, so that names and titles stay wide and no column drops out of sight.
     */
    private static void weigh(JTable table, ViewModel view) {
        for (int i = 0; i < view.columns().size() && i < table.getColumnModel().getColumnCount(); i++) {
            var spec = view.columns().get(i);
            int weight = switch (spec.kind()) {
                case "text" -> spec.key().contains("name") || spec.key().contains("title") || spec.key().contains("content") ? 5 : 3;
                case "date" -> 3;
                default -> 2;
            };
            javax.swing.table.TableColumn column = table.getColumnModel().getColumn(i);
            column.setMinWidth(40);
            column.setPreferredWidth(40 * weight);
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
}
