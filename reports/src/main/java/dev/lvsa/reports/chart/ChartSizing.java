package dev.lvsa.reports.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sizes category charts to their data, so that labels never smear into each other: the width grows with
 * the number of categories (and bars per category) up to what fits a 1400 px page; tick labels stay level
 * while they fit their slot and turn upright otherwise, and the height grows by the longest upright label
 * so that the plot keeps its height.
 */
public final class ChartSizing {

    /** Widest chart: fits the report page (1400 px less its padding and the image border). */
    public static final int MAX_WIDTH = 1340;
    /** Pixels of one bar at least. */
    static final int MIN_BAR = 14;
    /** Pixels of one category at least (an upright 12 px label and some air). */
    static final int MIN_SLOT = 24;
    /** Width taken by the axes, their titles and the padding beside the plot. */
    static final int FRAME_WIDTH = 150;
    /** Longest tick label, in characters, before it is shortened in the middle. */
    public static final int MAX_LABEL = 28;

    private ChartSizing() {}

    /**
     * Width of a category chart with {@code categories} groups of {@code barsPerCategory} bars: at least
     * {@code minWidth}, at most {@link #MAX_WIDTH}.
     */
    public static int width(int categories, int barsPerCategory, int minWidth) {
        int slot = Math.max(MIN_SLOT, MIN_BAR * Math.max(1, barsPerCategory) + 8);
        return Math.max(minWidth, Math.min(MAX_WIDTH, FRAME_WIDTH + categories * slot));
    }

    /** Pixels of one category's slot in a chart of that width. */
    static double slot(int width, int categories) {
        return (width - FRAME_WIDTH) / (double) Math.max(1, categories);
    }

    /** 0 when every label fits its slot level, else 90 (upright). */
    public static int rotation(List<String> labels, int width) {
        return widest(labels) + 10 <= slot(width, labels.size()) ? 0 : 90;
    }

    /**
     * Height of a chart whose plot and title take {@code baseHeight} with level labels: upright labels add
     * their length (less the one line a level label takes).
     */
    public static int height(int baseHeight, List<String> labels, int rotation) {
        return rotation == 0 ? baseHeight : baseHeight + Math.max(0, widest(labels) - 14);
    }

    /**
     * Lines a legend below the plot takes: one when its entries fit side by side in the chart's width, else one
     * per entry (laid out as a column, so that no entry is cut off at the edges).
     */
    public static int legendLines(List<String> names, int width) {
        int row = 0;
        for (String n : names) {
            row += widest(List.of(n)) + 44;
        }
        return row <= width - 40 ? 1 : names.size();
    }

    /** Pixel width of the widest label in the charts' tick font. */
    static int widest(List<String> labels) {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(ChartStyle.TEXT);
            int w = 0;
            for (String s : labels) {
                w = Math.max(w, fm.stringWidth(s));
            }
            return w;
        } finally {
            g.dispose();
        }
    }

    /**
     * A short label for a file name: the folder and a video extension dropped, and names longer than
     * {@code max} characters shortened in the middle (the start and the end usually tell videos apart).
     */
    public static String abbreviate(String name, int max) {
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = n.replaceFirst("(?i)\\.(mp4|mkv|webm|mov|avi|gif)$", "");
        if (n.length() <= max) {
            return n;
        }
        int head = (max - 1) / 2;
        int tail = max - 1 - head;
        return n.substring(0, head) + "…" + n.substring(n.length() - tail);
    }

    /** The labels made unique, in order: a repeated label gets " (2)", " (3)", ... */
    public static List<String> unique(List<String> labels) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            String s = l;
            for (int k = 2; !used.add(s); k++) {
                s = l + " (" + k + ")";
            }
            out.add(s);
        }
        return out;
    }
}
