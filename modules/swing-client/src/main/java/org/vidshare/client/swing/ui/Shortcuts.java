package org.vidshare.client.swing.ui;

import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.KeyStroke;

/**
 * The keyboard: F5 refreshes the current view, Ctrl+F goes to the movie search, Esc closes any
 * dialog. (Del, delete the selected movie, belongs to the movie view: {@link MoviePanel}.)
 */
final class Shortcuts {
    static final KeyStroke REFRESH = KeyStroke.getKeyStroke(KeyEvent.VK_F5, 0);
    static final KeyStroke SEARCH = KeyStroke.getKeyStroke(KeyEvent.VK_F, InputEvent.CTRL_DOWN_MASK);
    static final KeyStroke DELETE = KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0);
    static final KeyStroke ESCAPE = KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0);
    private static final AtomicBoolean ESCAPE_INSTALLED = new AtomicBoolean();

    private Shortcuts() {
    }

    /** The window-wide keys of the main window. */
    static void install(ClientWindow window) {
        JComponent root = window.getRootPane();
        bind(root, JComponent.WHEN_IN_FOCUSED_WINDOW, REFRESH, "refresh", window::refreshCurrentView);
        bind(root, JComponent.WHEN_IN_FOCUSED_WINDOW, SEARCH, "search", window::focusSearch);
        closeDialogsOnEscape();
    }

    static void bind(JComponent component, int condition, KeyStroke key, String name, Runnable action) {
        component.getInputMap(condition).put(key, name);
        component.getActionMap().put(name, new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }

    /**
     * Esc closes every dialog of the application, the ones JOptionPane makes (they do it already)
     * and ours: each dialog gets the key when it first opens, so no dialog can forget it. A combo
     * box's open list or a menu takes its Esc first (their bindings come before the window's).
     */
    static void closeDialogsOnEscape() {
        if (ESCAPE_INSTALLED.compareAndSet(false, true)) {
            Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
                if (event.getID() == WindowEvent.WINDOW_OPENED && event.getSource() instanceof JDialog dialog) {
                    escapeCloses(dialog);
                }
            }, AWTEvent.WINDOW_EVENT_MASK);
        }
    }

    /** Esc in {@code dialog} is the close button (the dialog's own close operation applies). */
    static void escapeCloses(JDialog dialog) {
        bind(dialog.getRootPane(), JComponent.WHEN_IN_FOCUSED_WINDOW, ESCAPE, "vidshare.close",
                () -> dialog.dispatchEvent(new WindowEvent(dialog, WindowEvent.WINDOW_CLOSING)));
    }
}
