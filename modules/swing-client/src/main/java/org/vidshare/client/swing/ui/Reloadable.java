package org.vidshare.client.swing.ui;

/** A tab that asks the server again for what it shows (F5, after a purchase, after a language switch). */
interface Reloadable {
    void reload();
}
