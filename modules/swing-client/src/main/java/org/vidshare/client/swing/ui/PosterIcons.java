package org.vidshare.client.swing.ui;

import java.awt.Image;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.swing.ImageIcon;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.PosterCache;

/**
 * Posters as icons of the sizes the movie view draws (table row, grid tile, detail pane): read
 * from the disk cache and scaled once per movie and size, since reading a JPEG per repaint would
 * crawl; a poster not cached yet is fetched in the background and {@code repaint} runs on the EDT
 * when it has arrived.
 */
final class PosterIcons {
    private final PosterCache cache;
    private final Connection connection;
    private final Runnable repaint;
    private final Map<String, ImageIcon> icons = new HashMap<>();

    PosterIcons(PosterCache cache, Connection connection, Runnable repaint) {
        this.cache = cache;
        this.connection = connection;
        this.repaint = repaint;
    }

    /** The poster fitted into width x height (aspect kept), or null while it is not cached yet. */
    ImageIcon icon(long movieId, int width, int height) {
        String key = movieId + "@" + width + "x" + height;
        ImageIcon icon = icons.get(key);
        if (icon != null) {
            return icon;
        }
        Optional<Path> file = cache.cached(movieId);
        if (file.isEmpty()) {
            cache.fetch(connection, movieId).thenAcceptAsync(fetched -> {
                if (fetched.isPresent()) {
                    repaint.run();
                }
            }, Ui.EDT);
            return null;
        }
        ImageIcon full = new ImageIcon(file.get().toString());
        if (full.getIconWidth() <= 0 || full.getIconHeight() <= 0) {
            return null;
        }
        double scale = Math.min((double) width / full.getIconWidth(), (double) height / full.getIconHeight());
        int w = Math.max(1, (int) Math.round(full.getIconWidth() * scale));
        int h = Math.max(1, (int) Math.round(full.getIconHeight() * scale));
        icon = new ImageIcon(full.getImage().getScaledInstance(w, h, Image.SCALE_SMOOTH));
        icons.put(key, icon);
        return icon;
    }

    Path dir() {
        return cache.dir();
    }
}
