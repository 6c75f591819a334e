package org.vidshare.client.swing.ui;

import java.awt.Window;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.FormModel;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.ClientReply;

/**
 * The generic form of a feature: one widget per field kind, checked by the form model, sent on
 * the main connection, and the reply shown by the generic result view. This is how a plugin the
 * client has never heard of still gets a working menu entry.
 */
final class FormDialog extends JDialog {
    private final ClientWindow window;
    private final FormModel form;
    private final Map<String, Supplier<String>> readers = new LinkedHashMap<>();
    private final JLabel problems = new JLabel(" ");
    private final java.util.function.Consumer<ClientReply> after;

    FormDialog(ClientWindow window, Feature feature, Map<String, String> prefill,
               java.util.function.Consumer<ClientReply> after) {
        super(window, feature.label(), ModalityType.DOCUMENT_MODAL);
        this.window = window;
        this.form = new FormModel(feature);
        this.after = after;
        setName("form." + feature.type());
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        JPanel panel = new JPanel(new MigLayout("insets 16, fillx, wrap 2", "[right][grow,fill]", ""));
        for (Feature.FieldSpec field : feature.fields()) {
            String initial = prefill.getOrDefault(field.name(), form.get(field.name()));
            panel.add(PlainText.label(field.label() + (field.required() ? " *" : "")), field.max() != null && field.max() > 200 ? "top" : "");
            panel.add(widget(field, initial), "wmin 280");
        }
        problems.setName("form.problems");
        problems.setForeground(new java.awt.Color(0xC62828));
        panel.add(problems, "span 2, growx");
        JButton ok = Ui.button("form.ok", window.texts().get("button.ok"), this::submit);
        panel.add(Ui.button("form.cancel", window.texts().get("button.cancel"), this::dispose), "span 2, split 2, right, sg b");
        panel.add(ok, "sg b");
        getRootPane().setDefaultButton(ok);
        setContentPane(panel);
        pack();
        setLocationRelativeTo(window);
    }

    private JComponent widget(Feature.FieldSpec field, String initial) {
        String name = "form.field." + field.name();
        switch (field.kind()) {
            case "password" -> {
                JPasswordField box = new JPasswordField(initial, 20);
                box.setName(name);
                readers.put(field.name(), () -> new String(box.getPassword()));
                return box;
            }
            case "bool" -> {
                JCheckBox box = new JCheckBox("", Boolean.parseBoolean(initial) || "1".equals(initial));
                box.setName(name);
                readers.put(field.name(), () -> Boolean.toString(box.isSelected()));
                return box;
            }
            case "choice" -> {
                JComboBox<String> box = new JComboBox<>(field.choices().toArray(String[]::new));
                box.setRenderer(new PlainText.ListRenderer());
                if (!field.required()) {
                    box.insertItemAt("", 0);
                }
                box.setSelectedItem(initial);
                box.setName(name);
                readers.put(field.name(), () -> box.getSelectedItem() == null ? "" : box.getSelectedItem().toString());
                return box;
            }
            case "movie" -> {
                // A movie id picked from the list the window already has; typing an id works too.
                JComboBox<String> box = new JComboBox<>();
                box.setRenderer(new PlainText.ListRenderer()); // movie names
                box.setEditable(true);
                for (MovieTableModel.Movie movie : window.movies().movies()) {
                    box.addItem(movie.id() + " " + movie.name());
                }
                box.setSelectedItem(initial);
                box.setName(name);
                readers.put(field.name(), () -> {
                    Object item = box.getEditor().getItem();
                    String text = item == null ? "" : item.toString().trim();
                    int space = text.indexOf(' ');
                    return space < 0 ? text : text.substring(0, space);
                });
                return box;
            }
            case "file" -> {
                JTextField path = new JTextField(initial, 24);
                path.setName(name);
                readers.put(field.name(), path::getText);
                JPanel row = new JPanel(new MigLayout("insets 0", "[grow,fill][]", "[]"));
                row.add(path);
                row.add(Ui.button(name + ".browse", window.texts().get("button.browse"), () -> {
                    JFileChooser chooser = new JFileChooser();
                    if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                        path.setText(chooser.getSelectedFile().getPath());
                    }
                }));
                return row;
            }
            default -> {
                if (field.max() != null && field.max() > 200) {
                    JTextArea area = new JTextArea(initial, 8, 36);
                    area.setLineWrap(true);
                    area.setWrapStyleWord(true);
                    area.setName(name);
                    readers.put(field.name(), area::getText);
                    return new JScrollPane(area);
                }
                JTextField box = new JTextField(initial, 20);
                box.setName(name);
                readers.put(field.name(), box::getText);
                return box;
            }
        }
    }

    private void submit() {
        readers.forEach((fieldName, reader) -> form.set(fieldName, reader.get()));
        List<String> found = form.problems(window.texts());
        if (!found.isEmpty()) {
            problems.setText(Ui.wrap(String.join("\n", found)));
            pack();
            return;
        }
        Feature feature = form.feature();
        window.connection().call(form.toRequest()).whenCompleteAsync((reply, failure) -> {
            if (failure != null) {
                Ui.error(this, window.texts(), org.vidshare.client.swing.model.ErrorText.of(failure, window.texts(),
                        window.connection().address()));
                return;
            }
            if (!reply.ok()) {
                problems.setText(Ui.wrap(org.vidshare.client.swing.model.ErrorText.of(reply, window.texts())));
                pack();
                return;
            }
            dispose();
            showResult(window, feature, ResultModel.of(feature.result(), reply, window.texts()), window.texts());
            after.accept(reply);
        }, Ui.EDT);
    }

    /** The generic result view: a message, or a key/value or list table in a dialog. */
    static void showResult(Window owner, Feature feature, ResultModel result, org.vidshare.client.swing.model.Texts texts) {
        if (result.kind() == ResultModel.Kind.MESSAGE) {
            Ui.info(owner, feature.label(), result.message().isBlank() ? "OK" : result.message());
            return;
        }
        JDialog dialog = new JDialog(owner, feature.label(), ModalityType.MODELESS);
        dialog.setName("result.dialog." + feature.type());
        JTable table = Tables.resultDialog(result, texts);
        JPanel panel = new JPanel(new MigLayout("insets 12, fill", "[grow,fill]", "[][grow,fill][]"));
        panel.add(PlainText.label(result.message()), "wrap");
        panel.add(new JScrollPane(table), "w 520, h 260, grow, wrap");
        panel.add(Ui.button("result.close", texts.get("button.close"), dialog::dispose), "right, growx 0");
        dialog.setContentPane(panel);
        dialog.pack();
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
    }

    /** Column titles and cells as a person reads them: money, sizes, times, yes/no, translated keys. */
    static javax.swing.table.TableModel readable(ResultModel result, org.vidshare.client.swing.model.Texts texts) {
        boolean record = result.kind() == ResultModel.Kind.RECORD;
        return new javax.swing.table.AbstractTableModel() {
            @Override
            public int getRowCount() {
                return result.rows().size();
            }

            @Override
            public int getColumnCount() {
                return record ? result.columns().size() : result.shownColumns().size();
            }

            @Override
            public String getColumnName(int column) {
                return record ? result.columns().get(column)
                        : org.vidshare.client.swing.model.Formats.column(result.shownColumns().get(column), texts);
            }

            @Override
            public Object getValueAt(int row, int column) {
                List<String> cells = result.rows().get(row);
                if (!record) {
                    String key = result.shownColumns().get(column);
                    return org.vidshare.client.swing.model.Formats.cell(key, result.cell(row, key), texts);
                }
                String value = column < cells.size() ? cells.get(column) : "";
                String key = cells.get(0);
                return column == 0 ? org.vidshare.client.swing.model.Formats.column(key, texts)
                        : org.vidshare.client.swing.model.Formats.cell(key, value, texts);
            }
        };
    }
}
