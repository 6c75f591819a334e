package org.vidshare.client.swing.ui;

import javax.swing.DefaultListCellRenderer;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;

/**
 * Text from the server (user and movie names, notices, messages, feature labels) shown as plain
 * text: Swing renders any label, button, menu item or table cell whose text starts with
 * {@code <html>} as HTML, and that HTML may load images from any address (a movie named
 * {@code <html><img src=http://...>} would make every viewer's client fetch it). Every component
 * that shows server text is made by or passed through this class; the few that show HTML on
 * purpose escape what they embed ({@link Ui#wrap}).
 */
public final class PlainText {
    /** Swing's client property that turns HTML rendering off for one component. */
    private static final String HTML_DISABLE = "html.disable";

    private PlainText() {
    }

    /** The component never renders its text as HTML (set before any server text reaches it). */
    public static <T extends JComponent> T plain(T component) {
        component.putClientProperty(HTML_DISABLE, Boolean.TRUE);
        return component;
    }

    /** A label for server text: the property is set before the text, so no HTML view is ever made. */
    public static JLabel label(String text) {
        JLabel label = plain(new JLabel());
        label.setText(text);
        return label;
    }

    /** A table whose cells and column titles are plain text (numbers and booleans keep their renderers). */
    public static JTable table(javax.swing.table.TableModel model) {
        return plainCells(new JTable(model));
    }

    /** Makes an existing table's text cells and header plain; renderers set afterwards must be plain too. */
    public static JTable plainCells(JTable table) {
        table.setDefaultRenderer(Object.class, new TableRenderer());
        table.setDefaultRenderer(String.class, new TableRenderer());
        if (table.getTableHeader() != null) {
            TableCellRenderer header = table.getTableHeader().getDefaultRenderer();
            if (header instanceof JComponent component) {
                plain(component);
            }
        }
        return table;
    }

    /** A table cell renderer for server text. */
    public static class TableRenderer extends DefaultTableCellRenderer {
        public TableRenderer() {
            plain(this);
        }
    }

    /** A list or combo box renderer for server text (e.g. a field's choices). */
    public static class ListRenderer extends DefaultListCellRenderer {
        public ListRenderer() {
            plain(this);
        }
    }
}
