package org.vidshare.client.swing.ui;

import java.awt.Font;
import java.util.List;
import java.util.Map;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.NoticeList;
import org.vidshare.client.swing.model.Texts;

/**
 * The notices as a reader: the titles and dates on the left, the selected notice's whole text on
 * the right, wrapped at words. All of it is server text: the list renders plain, and a text area
 * never renders HTML.
 */
final class NoticesPanel extends JPanel implements Reloadable {
    private final ClientWindow window;
    private final DefaultListModel<NoticeList.Notice> notices = new DefaultListModel<>();
    private final JList<NoticeList.Notice> list = new JList<>(notices);
    private final JTextArea reader = new JTextArea();
    private final JLabel summary = PlainText.label(" ");
    private final JPanel buttons = new JPanel(new MigLayout("insets 0", "[]", "[]"));

    NoticesPanel(ClientWindow window) {
        super(new MigLayout("insets 8, fill", "[grow,fill]", "[][grow,fill][]"));
        this.window = window;
        Texts texts = window.texts();
        setName("notices.panel");
        list.setName("notices.list");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new PlainText.ListRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> l, Object value, int index,
                                                                  boolean selected, boolean focus) {
                super.getListCellRendererComponent(l, value, index, selected, focus);
                setText(((NoticeList.Notice) value).heading(texts));
                setBorder(javax.swing.BorderFactory.createEmptyBorder(4, 6, 4, 6));
                return this;
            }
        });
        list.addListSelectionListener(e -> showSelected());
        reader.setName("notices.text");
        reader.setEditable(false);
        reader.setLineWrap(true);
        reader.setWrapStyleWord(true);
        reader.setMargin(new java.awt.Insets(10, 12, 10, 12));
        reader.setFont(reader.getFont().deriveFont(Font.PLAIN, reader.getFont().getSize2D() * 1.1f));
        JScrollPane titles = new JScrollPane(list);
        titles.setPreferredSize(new java.awt.Dimension(380, 200)); // room for a title and its date
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, titles, new JScrollPane(reader));
        split.setResizeWeight(0.35);
        split.setName("notices.split");
        summary.setName("notices.summary");
        add(summary, "split 2, growx");
        add(Ui.button("notices.refresh", texts, "button.refresh", this::reload), "right, wrap");
        add(split, "grow, hmin 120, wrap");
        add(buttons, "right");
    }

    void addButton(javax.swing.JButton button) {
        buttons.add(button);
    }

    @Override
    public void reload() {
        Ui.call(this, window.connection(), window.texts(), Map.of("type", "check_notice"), reply -> {
            show(NoticeList.of(reply));
            window.afterReply("check_notice", reply);
        });
    }

    void show(List<NoticeList.Notice> shown) {
        int selected = Math.max(0, list.getSelectedIndex());
        notices.clear();
        shown.forEach(notices::addElement);
        summary.setText(shown.isEmpty() ? window.texts().get("notices.empty") : " ");
        if (!shown.isEmpty()) {
            list.setSelectedIndex(Math.min(selected, shown.size() - 1));
        }
        showSelected();
    }

    private void showSelected() {
        NoticeList.Notice notice = list.getSelectedValue();
        reader.setText(notice == null ? "" : notice.detail(window.texts()));
        reader.setCaretPosition(0);
    }
}
