package org.vidshare.client.swing.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.event.TableModelEvent;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.ViewModel;
import org.vidshare.client.swing.model.Views;

/**
 * A tab built from a command's view spec alone: the summary (or, for a record view, every line) as
 * labelled values, the list as a table with the declared columns, and a button per command offered
 * on the view; row actions fill their fields from the selected row. Nothing here names a command.
 */
final class ViewPanel extends JPanel implements Reloadable {
    private final ClientWindow window;
    private final Views.Tab tab;
    private final JPanel lines = new JPanel(new MigLayout("insets 0, wrap 2", "[right][grow,fill]", ""));
    private final JLabel problem = PlainText.label(" ");
    private final Map<Views.Action, JButton> buttons = new LinkedHashMap<>();
    private final JTable table;
    /** The selected row's body (a notice's whole text), for lists that declare one; else null. */
    private JTextArea body;

    ViewPanel(ClientWindow window, Views.Tab tab) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", tab.view().isList() ? "[][grow,fill][]" : "[][][grow]"));
        this.window = window;
        this.tab = tab;
        ViewModel view = tab.view();
        String name = "view." + view.type();
        setName(name);
        problem.setName(name + ".problem");
        JPanel top = new JPanel(new MigLayout("insets 0, fillx", "[grow,fill][]", "[]"));
        top.add(lines);
        top.add(Ui.button(name + ".refresh", window.texts().get("button.refresh"), this::reload), "top");
        add(top, "wrap");
        if (view.isList()) {
            table = Tables.view(view);
            table.getSelectionModel().addListSelectionListener(e -> updateActions());
            JScrollPane list = new JScrollPane(table);
            if (view.hasBody()) {
                body = PlainText.plain(new JTextArea());
                body.setName(name + ".body");
                body.setEditable(false);
                body.setLineWrap(true);
                body.setWrapStyleWord(true);
                body.setMargin(new java.awt.Insets(8, 10, 8, 10));
                table.getSelectionModel().addListSelectionListener(e -> showBody());
                JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, list, new JScrollPane(body));
                split.setResizeWeight(0.45);
                add(split, "grow, hmin 120, wrap");
            } else {
                add(list, "grow, hmin 120, wrap");
            }
        } else {
            table = null;
        }
        JPanel actions = new JPanel(new MigLayout("insets 0", "[grow][]", "[]"));
        actions.add(problem, "growx");
        for (Views.Action action : tab.actions()) {
            String label = action.command().label() + (action.command().fields().size() > action.on().fromRow().size() ? "…" : "");
            JButton button = PlainText.plain(Ui.button(name + "." + action.command().type(), label, () -> run(action)));
            buttons.put(action, button);
            actions.add(button);
        }
        add(actions, "growx");
        view.addTableModelListener(e -> {
            if (e.getFirstRow() == TableModelEvent.HEADER_ROW || e.getType() == TableModelEvent.UPDATE) {
                showLines();
            }
        });
        showLines();
    }

    /** The selected row's body; the first row's when nothing is selected yet. */
    private void showBody() {
        if (body == null) {
            return;
        }
        if (table.getSelectedRow() < 0 && table.getRowCount() > 0) {
            table.getSelectionModel().setSelectionInterval(0, 0); // calls back here
            return;
        }
        body.setText(tab.view().body(selectedRow()));
        body.setCaretPosition(0);
    }

    Views.Tab tab() {
        return tab;
    }

    @Override
    public void reload() {
        tab.view().reload(window.connection(), Ui.EDT).whenCompleteAsync((reply, failure) -> {
            if (failure != null) {
                problem.setText(org.vidshare.client.swing.model.ErrorText.of(failure, window.texts(),
                        window.connection().address()));
            }
        }, Ui.EDT);
    }

    private void showLines() {
        ViewModel view = tab.view();
        lines.removeAll();
        for (ViewModel.Line line : view.lines()) {
            lines.add(PlainText.label(line.label() + ":"));
            JLabel value = PlainText.label(line.text());
            value.setName("view." + view.type() + ".line." + line.key());
            lines.add(value);
        }
        String error = view.error();
        problem.setText(error != null ? error
                : view.isList() && view.loaded() && view.getRowCount() == 0 ? window.texts().get("result.empty") : " ");
        lines.revalidate();
        lines.repaint();
        updateActions();
        showBody();
    }

    /** Buttons follow the account (Buy VIP off for a VIP) and the selection (row actions need a row). */
    void updateActions() {
        int row = selectedRow();
        buttons.forEach((action, button) -> {
            button.setEnabled(window.views().enabled(action, row));
            button.setToolTipText(window.views().disabled(action.command()) ? window.texts().get("view.disabled")
                    : action.needsRow() && row < 0 ? window.texts().get("view.select_row") : null);
        });
    }

    private int selectedRow() {
        return table == null || table.getSelectedRow() < 0 ? -1 : table.convertRowIndexToModel(table.getSelectedRow());
    }

    private void run(Views.Action action) {
        int row = selectedRow();
        if (!window.views().enabled(action, row)) {
            return;
        }
        window.runGeneric(action.command(), action.needsRow() ? window.views().prefill(action, tab.view(), row) : Map.of());
    }
}
