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
        return table;
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

    private static final class ProgressRenderer implements TableCellRenderer {
        private final JProgressBar bar = PlainText.plain(new JProgressBar(0, 1000));

        ProgressRenderer() {
            bar.setStringPainted(true);
        }

        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            double fraction = value instanceof Double d ? d : 0;
            bar.setValue((int) Math.round(fraction * 1000));
            bar.setString(String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100));
            return bar;
        }
    }
}
