package dev.lvsa.reports.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Marks drawn where a chart has nothing to see: a value of exactly 0 (a bar of no height) gets a red line
 * on the axis and the text "0" above it; a cell without a result gets its reason ("OOM", "failed") in red
 * on the axis. In a category chart a mark sits in the slot of its category and series, where the bar would
 * be (upright where the word is wider than the slot); in an XY chart it is a red tick at its x value on the
 * x axis with the word upright beside it. A light halo behind each word keeps it readable over lines.
 */
public final class SlotMarks extends Annotation {

    /** Text of a zero mark. */
    public static final String ZERO = "0";
    /** Text of a mark where jobs ran but have no score. */
    public static final String NO_SCORE = "no score";
    /** Text of an out-of-memory mark. */
    public static final String OOM = "OOM";

    /**
     * One mark.
     *
     * @param category index of the category (category charts) — ignored in XY charts
     * @param series index of the series among the chart's series (grouped bars), 0 when bars overlap
     * @param x the x value (XY charts) — ignored in category charts
     * @param text what the mark says
     * @param zero whether it marks a value of 0 (a red line on the axis under the text)
     */
    public record Mark(int category, int series, double x, String text, boolean zero) {}

    private static final java.awt.Color HALO = new java.awt.Color(255, 255, 255, 215);

    private final List<Mark> marks;
    private final int categories;
    private final boolean category;

    private SlotMarks(List<Mark> marks, int categories, boolean category) {
        super(true);
        this.marks = List.copyOf(marks);
        this.categories = categories;
        this.category = category;
    }

    /** Adds the marks to a category chart with {@code categories} categories; nothing when there are none. */
    public static void addTo(CategoryChart chart, int categories, List<Mark> marks) {
        if (!marks.isEmpty()) {
            chart.addAnnotation(new SlotMarks(marks, categories, true));
        }
    }

    /** Adds the marks to an XY chart; nothing when there are none. */
    public static void addTo(XYChart chart, List<Mark> marks) {
        if (!marks.isEmpty()) {
            chart.addAnnotation(new SlotMarks(marks, 0, false));
        }
    }

    /** The marks of a chart, for tests: empty when it has none. */
    public static List<Mark> of(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        List<Mark> out = new ArrayList<>();
        try {
            java.lang.reflect.Field f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("annotations");
            f.setAccessible(true);
            for (Object a : (List<?>) f.get(chart)) {
                if (a instanceof SlotMarks m) {
                    out.addAll(m.marks);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double left = getXAxisScreenValueForMin();
        double right = getXAxisScreenValueForMax();
        // the plot's edges; the bars stand on the y axis' minimum (0 in every chart that has marks), which
        // XChart puts half the unused plot content space above the bottom edge
        double top = Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        double bottom = Math.max(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        double height = bottom - top;
        double axis = bottom - (height - chart.getStyler().getPlotContentSize() * height) / 2;
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        for (Mark m : marks) {
            double[] place = category ? barSlot(m, left, right) : new double[] {chart.getScreenXFromChart(m.x()), 28};
            double centre = place[0];
            double slot = place[1];
            g.setColor(ChartStyle.ZERO);
            if (m.zero()) {
                g.setStroke(new BasicStroke(3f));
                double half = Math.max(3, Math.min(slot, 40) / 2 - 1);
                g.drawLine(
                        (int) Math.round(centre - half),
                        (int) Math.round(axis - 1),
                        (int) Math.round(centre + half),
                        (int) Math.round(axis - 1));
            }
            int w = fm.stringWidth(m.text());
            AffineTransform t = g.getTransform();
            if (!category) {
                // beside its x, not over it: a point drawn at that x stays visible; a red tick marks the x itself
                g.setStroke(new BasicStroke(2f));
                g.drawLine((int) Math.round(centre), (int) Math.round(axis), (int) Math.round(centre), (int)
                        Math.round(axis - 8));
                g.translate(centre + 6 + fm.getAscent(), axis - 4);
                g.rotate(-Math.PI / 2);
            } else if (w + 2 <= Math.max(slot, fm.getHeight()) || m.text().length() <= 1) {
                g.translate(centre - w / 2.0, axis - 4);
            } else {
                // upright, reading upwards from the axis
                g.translate(centre + fm.getAscent() / 2.0 - 1, axis - 4);
                g.rotate(-Math.PI / 2);
            }
            // a light halo keeps the word readable over a line or a point
            g.setColor(HALO);
            g.fillRect(-2, -fm.getAscent(), w + 4, fm.getAscent() + 2);
            g.setColor(ChartStyle.ZERO);
            g.drawString(m.text(), 0f, 0f);
            g.setTransform(t);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** {centre, width} on screen of the bar a mark of a category chart stands for. */
    private double[] barSlot(Mark m, double left, double right) {
        CategoryChart c = (CategoryChart) chart;
        double width = right - left;
        double tickSpace = c.getStyler().getPlotContentSize() * width;
        double margin = (width - tickSpace) / 2;
        double step = tickSpace / Math.max(1, categories);
        double fill = c.getStyler().getAvailableSpaceFill();
        boolean overlapped = c.getStyler().isOverlapped() || c.getStyler().isStacked();
        int series = overlapped ? 1 : Math.max(1, c.getSeriesMap().size());
        double bar = step / series * fill;
        double x = left + margin + step * m.category() + step * (1 - fill) / 2 + (overlapped ? 0 : m.series() * bar);
        return new double[] {x + bar / 2, bar};
    }

    @Override
    public Rectangle2D getBounds() {
        return new Rectangle2D.Double();
    }
}
