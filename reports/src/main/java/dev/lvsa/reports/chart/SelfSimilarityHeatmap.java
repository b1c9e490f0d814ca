package dev.lvsa.reports.chart;

import dev.lvsa.vqeval.api.RepeatEvent;
import dev.lvsa.vqeval.api.SelfSimilarity;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a video's frame self-similarity matrix as a heat map (bright = similar frames, viridis colours)
 * with the detected cycle period marked: dashed lines along the diagonals at every multiple of the period,
 * where a looping video shows bright stripes. The repeat model's events are drawn over it: each replay as a
 * solid segment on the line it lies on (replayed frames down, their sources across), each ping-pong as a
 * segment across the diagonal, each freeze as a square on the diagonal. Frame numbers on the axes are
 * original frames.
 */
public final class SelfSimilarityHeatmap {

    /** Colour of the period marks (outside the viridis map, so marks and data never look alike). */
    public static final Color MARK = new Color(0xFF, 0x30, 0x30);
    /** Colour of ping-pong marks. */
    public static final Color REVERSAL = new Color(0xFF, 0x9F, 0x1C);
    /** Colour of freeze marks. */
    public static final Color FREEZE = new Color(0x29, 0xE0, 0xFF);
    /** Side of the matrix drawing in pixels, whatever the number of frames. */
    public static final int PLOT = 360;
    /** Space left of the matrix (axis labels). */
    public static final int LEFT = 56;
    /** Space above the matrix (title lines). */
    public static final int TOP = 58;

    private static final int RIGHT = 96;
    /** Smallest distance scale, grey levels. */
    static final double MIN_SCALE = 8.0;

    private static final int BOTTOM = 46;
    /** Title of the x axis (columns of the matrix). */
    public static final String X_TITLE = "frame";
    /** Title of the y axis (rows of the matrix), drawn upright. */
    public static final String Y_TITLE = "frame";

    private static final Color[] VIRIDIS = {
        new Color(0x44, 0x01, 0x54),
        new Color(0x3B, 0x52, 0x8B),
        new Color(0x21, 0x91, 0x8C),
        new Color(0x5E, 0xC9, 0x62),
        new Color(0xFD, 0xE7, 0x25)
    };

    private SelfSimilarityHeatmap() {}

    /** The drawing; {@code title} is the video's name, {@code subtitle} an optional second line (may be empty). */
    public static BufferedImage render(SelfSimilarity ss, String title, String subtitle) {
        int n = ss.size();
        BufferedImage img = new BufferedImage(LEFT + PLOT + RIGHT, TOP + PLOT + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            double scale = distanceScale(ss);
            if (n > 0) {
                for (int py = 0; py < PLOT; py++) {
                    int i = Math.min(n - 1, py * n / PLOT);
                    for (int px = 0; px < PLOT; px++) {
                        int j = Math.min(n - 1, px * n / PLOT);
                        double sim = 1 - Math.min(1, ss.distance(i, j) / scale);
                        img.setRGB(LEFT + px, TOP + py, colour(sim).getRGB());
                    }
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            Integer period = ss.periodFrames();
            if (period != null && n > 1) {
                drawPeriod(g, n, period / (double) Math.max(1, ss.stride()));
            }
            drawEvents(g, n, Math.max(1, ss.stride()), ss.events());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x88, 0x88, 0x88));
            g.drawRect(LEFT - 1, TOP - 1, PLOT + 1, PLOT + 1);
            drawAxes(g, n, ss.stride());
            drawColourBar(g, scale);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(fit(g, title, img.getWidth() - 16), 8, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String line = (period == null ? "no cycle detected" : "detected period: " + period + " frames (red dashes)")
                    + eventSummary(ss.events());
            if (subtitle != null && !subtitle.isBlank()) {
                line = line + " · " + subtitle;
            }
            g.setColor(period == null ? Color.DARK_GRAY : MARK.darker());
            g.drawString(fit(g, line, img.getWidth() - 16), 8, 40);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Pixel of the matrix drawing for analysed frames (i, j): x from column j, y from row i, at the centre of
     * the matrix cell. Tests use it to find the marks.
     */
    public static int[] pixelOf(int n, double i, double j) {
        return new int[] {LEFT + (int) Math.floor((j + 0.5) * PLOT / n), TOP + (int) Math.floor((i + 0.5) * PLOT / n)};
    }

    private static void drawPeriod(Graphics2D g, int n, double lag) {
        if (!(lag >= 1)) {
            return;
        }
        g.setColor(MARK);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        double px = PLOT / (double) n;
        for (double k = lag; k < n; k += lag) {
            int offset = (int) Math.round(k * px);
            // above the diagonal: column = row + k; below: row = column + k
            g.drawLine(LEFT + offset, TOP, LEFT + PLOT, TOP + PLOT - offset);
            g.drawLine(LEFT, TOP + offset, LEFT + PLOT - offset, TOP + PLOT);
        }
        g.setStroke(new BasicStroke(2f));
        for (double k = lag; k < n; k += lag) {
            int offset = (int) Math.round(k * px);
            g.drawLine(LEFT + offset, TOP + PLOT + 1, LEFT + offset, TOP + PLOT + 7);
        }
    }

    private static String eventSummary(List<RepeatEvent> events) {
        long replays =
                events.stream().filter(e -> e.kind() == RepeatEvent.Kind.REPLAY).count();
        long reversals = events.stream()
                .filter(e -> e.kind() == RepeatEvent.Kind.PINGPONG)
                .count();
        long freezes =
                events.stream().filter(e -> e.kind() == RepeatEvent.Kind.FREEZE).count();
        List<String> parts = new ArrayList<>();
        if (replays > 0) {
            parts.add(replays + (replays == 1 ? " replay (red)" : " replays (red)"));
        }
        if (reversals > 0) {
            parts.add(reversals + " ping-pong (orange)");
        }
        if (freezes > 0) {
            parts.add(freezes + (freezes == 1 ? " freeze (cyan)" : " freezes (cyan)"));
        }
        return parts.isEmpty() ? "" : "; " + String.join(", ", parts);
    }

    /** Replays as segments along their line, reversals across the diagonal, freezes as squares on it. */
    private static void drawEvents(Graphics2D g, int n, int stride, List<RepeatEvent> events) {
        if (n < 2) {
            return;
        }
        double px = PLOT / (double) n;
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (RepeatEvent e : events) {
            double a = e.start() / (double) stride;
            double b = e.end() / (double) stride;
            switch (e.kind()) {
                case REPLAY -> {
                    // from the first frame's own source (a replay may play slower or faster than what it
                    // replays) to the last frame's, at the replay's lag
                    double from = e.sourceStart() / (double) stride;
                    double to = b - e.lag() / (double) stride;
                    g.setColor(MARK);
                    line(g, px, a, from, b, to);
                    line(g, px, from, a, to, b);
                }
                case PINGPONG -> {
                    double turn = e.sourceStart() / (double) stride;
                    g.setColor(REVERSAL);
                    line(g, px, a, 2 * turn - a, b, 2 * turn - b);
                    line(g, px, 2 * turn - a, a, 2 * turn - b, b);
                }
                case FREEZE -> {
                    g.setColor(FREEZE);
                    int from = (int) Math.round(a * px);
                    int w = (int) Math.max(2, Math.min(PLOT - 1 - from, Math.round((b - a + 1) * px)));
                    g.drawRect(LEFT + from, TOP + from, w, w);
                }
            }
        }
    }

    /** A segment from matrix cell (row r1, column c1) to (r2, c2). */
    private static void line(Graphics2D g, double px, double r1, double c1, double r2, double c2) {
        g.drawLine(
                LEFT + (int) Math.round((c1 + 0.5) * px),
                TOP + (int) Math.round((r1 + 0.5) * px),
                LEFT + (int) Math.round((c2 + 0.5) * px),
                TOP + (int) Math.round((r2 + 0.5) * px));
    }

    private static void drawAxes(Graphics2D g, int n, int stride) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        FontMetrics fm = g.getFontMetrics();
        int frames = n * Math.max(1, stride);
        for (int t = 0; t <= 4; t++) {
            int frame = (int) Math.round(t * (frames - 1) / 4.0);
            String s = Integer.toString(Math.max(0, frame));
            int pos = (int) Math.round(t * (PLOT - 1) / 4.0);
            g.drawString(s, LEFT + pos - fm.stringWidth(s) / 2, TOP + PLOT + 20);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), TOP + pos + fm.getAscent() / 2);
        }
        g.drawString(X_TITLE, LEFT + PLOT / 2 - fm.stringWidth(X_TITLE) / 2, TOP + PLOT + 36);
        // the y title reads upwards, left of the tick labels
        java.awt.geom.AffineTransform t = g.getTransform();
        g.translate(14, TOP + PLOT / 2.0 + fm.stringWidth(Y_TITLE) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(Y_TITLE, 0, 0);
        g.setTransform(t);
    }

    private static void drawColourBar(Graphics2D g, double scale) {
        int x = LEFT + PLOT + 14;
        int h = PLOT / 2;
        for (int y = 0; y < h; y++) {
            g.setColor(colour(1 - y / (double) (h - 1)));
            g.fillRect(x, TOP + y, 14, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("same", x + 18, TOP + 10);
        g.drawString("≥ " + String.format(java.util.Locale.ROOT, "%.0f", scale), x + 18, TOP + h);
        g.drawString("grey", x + 18, TOP + h + 14);
        g.drawString("levels", x + 18, TOP + h + 27);
    }

    /** Viridis colour for a similarity in 0..1 (1 = identical). */
    static Color colour(double t) {
        double v = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) Math.floor(v));
        double f = v - k;
        Color a = VIRIDIS[k];
        Color b = VIRIDIS[k + 1];
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /**
     * Distance (grey levels) that maps to "different": the 95th percentile of off-diagonal distances, but at
     * least {@link #MIN_SCALE}, so that a nearly static video (distances of a grey level or two) reads as
     * uniformly similar instead of having its noise stretched over the whole colour range.
     */
    static double distanceScale(SelfSimilarity ss) {
        int n = ss.size();
        if (n < 2) {
            return MIN_SCALE;
        }
        int step = Math.max(1, (n * (n - 1) / 2) / 20000);
        double[] v = new double[n * (n - 1) / 2 / step + 1];
        int k = 0;
        int idx = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (idx++ % step == 0 && k < v.length) {
                    v[k++] = ss.distance(i, j);
                }
            }
        }
        double[] s = Arrays.copyOf(v, k);
        Arrays.sort(s);
        double p95 = s.length == 0 ? 1 : s[Math.min(s.length - 1, (int) Math.floor(0.95 * (s.length - 1)))];
        return Math.max(MIN_SCALE, p95);
    }

    private static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 4 && fm.stringWidth("…" + t) > width) {
            t = t.substring(1);
        }
        return "…" + t;
    }
}
