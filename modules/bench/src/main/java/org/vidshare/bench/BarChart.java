package org.vidshare.bench;

import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' charts: horizontal bars with their values, grouped under headings, as a
 * hand-written SVG (no chart dependency for a few rectangles and labels).
 */
final class BarChart {
    /** One bar: its label, its value and its colour. */
    record Bar(String label, double value, String color) {
    }

    private static final int BAR_AREA = 420;
    private static final int ROW_HEIGHT = 26;

    private BarChart() {
    }

    /**
     * The SVG of {@code rows}: each a {@link Bar}, or a String that heads the bars below it.
     * Bars are scaled to the largest value.
     */
    static String svg(String title, List<?> rows, int labelWidth) {
        double max = rows.stream().filter(Bar.class::isInstance).mapToDouble(r -> ((Bar) r).value()).max().orElse(1);
        int width = labelWidth + BAR_AREA + 90;
        int height = 50 + rows.size() * ROW_HEIGHT + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        int y = 50;
        for (Object row : rows) {
            if (row instanceof Bar bar) {
                int length = (int) Math.round(bar.value() / max * BAR_AREA);
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        labelWidth - 8, y + 15, escape(bar.label())));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>%n",
                        labelWidth, y + 2, Math.max(1, length), bar.color()));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f</text>%n",
                        labelWidth + length + 6, y + 15, bar.value()));
            } else {
                svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                        y + 16, escape(String.valueOf(row))));
            }
            y += ROW_HEIGHT;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
