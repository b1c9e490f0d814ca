package dev.lvsa.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * One look for every chart: white background, light grid, legend below, and one colour per method
 * (Okabe-Ito, readable by colour-blind readers): dense grey, RIFLEx orange, UltraViCo purple, LVSA blue.
 */
public final class ChartStyle {

    public static final Color DENSE = new Color(0x55, 0x55, 0x55);
    public static final Color RIFLEX = new Color(0xE6, 0x9F, 0x00);
    public static final Color ULTRAVICO = new Color(0xCC, 0x79, 0xA7);
    public static final Color LVSA = new Color(0x00, 0x72, 0xB2);
    private static final List<Color> OTHERS = List.of(
            new Color(0x00, 0x9E, 0x73),
            new Color(0xD5, 0x5E, 0x00),
            new Color(0x56, 0xB4, 0xE9),
            new Color(0xF0, 0xE4, 0x42),
            new Color(0x88, 0x22, 0x55));
    /** Second series of two-series charts (e.g. vbench-like beside VQeval). */
    public static final Color SECOND = new Color(0xD5, 0x5E, 0x00);

    /** Marks of a value of exactly 0 (no bar to see) and of cells without a result (OOM, failed). */
    public static final Color ZERO = new Color(0xC0, 0x1B, 0x1B);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {}

    /** The colour of a method; other methods take the remaining palette in order of {@code index}. */
    public static Color of(String method, int index) {
        return switch (method) {
            case "dense" -> DENSE;
            case "riflex" -> RIFLEX;
            case "ultravico" -> ULTRAVICO;
            case "lvsa" -> LVSA;
            default -> OTHERS.get(Math.floorMod(index, OTHERS.size()));
        };
    }

    /** A lighter shade of a colour, for the paper's series beside this run's. */
    public static Color light(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    static void apply(XYChart chart) {
        common(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
    }

    static void apply(CategoryChart chart) {
        common(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setOverlapped(false);
    }

    private static void common(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotGridVerticalLinesVisible(false);
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(TEXT);
        s.setAxisTickLabelsFont(TEXT);
        s.setLegendFont(TEXT);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setAnnotationLineColor(new Color(0x99, 0x99, 0x99));
        s.setAnnotationLineStroke(
                new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    }
}
