package org.vidshare.client.swing.ui;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The application icon, drawn in code (a film frame with a play mark) at the sizes window
 * managers and task bars ask for, so there is no image file to keep in step with the look.
 */
public final class AppIcon {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128};
    private static volatile List<Image> images;

    private AppIcon() {
    }

    /** The icon at every size, made once. */
    public static List<Image> images() {
        List<Image> made = images;
        if (made == null) {
            made = java.util.Arrays.stream(SIZES).<Image>mapToObj(AppIcon::draw).toList();
            images = made;
        }
        return made;
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float inset = size / 16f;
            float side = size - 2 * inset;
            g.setPaint(new GradientPaint(0, 0, new Color(0x2E7DDB), 0, size, new Color(0x1A4F9C)));
            g.fill(new RoundRectangle2D.Float(inset, inset, side, side, size / 4f, size / 4f));
            // Film perforations along the top and bottom edges, from 24 px up.
            if (size >= 24) {
                g.setColor(new Color(255, 255, 255, 110));
                float hole = size / 12f;
                for (int i = 0; i < 5; i++) {
                    float x = inset + side * (i + 0.5f) / 5f - hole / 2;
                    g.fill(new RoundRectangle2D.Float(x, inset + hole * 0.6f, hole, hole, hole / 2, hole / 2));
                    g.fill(new RoundRectangle2D.Float(x, size - inset - hole * 1.6f, hole, hole, hole / 2, hole / 2));
                }
            }
            g.setColor(Color.WHITE);
            int left = Math.round(size * 0.38f);
            int right = Math.round(size * 0.72f);
            int top = Math.round(size * 0.3f);
            int bottom = Math.round(size * 0.7f);
            g.fillPolygon(new Polygon(new int[] {left, right, left}, new int[] {top, size / 2, bottom}, 3));
        } finally {
            g.dispose();
        }
        return image;
    }
}
