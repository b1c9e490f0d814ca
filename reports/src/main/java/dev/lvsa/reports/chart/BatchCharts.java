package dev.lvsa.reports.chart;

import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/** Charts of a VQeval batch report, in the run report's look. */
public final class BatchCharts {

    /** Videos shown by name in one bar chart at most; more make the labels unreadable. */
    public static final int MAX_BARS = 40;

    private BatchCharts() {}

    /**
     * One video's composite and dimension scores (0-100). Each label carries its score, and a score of 0 (no
     * bar) gets a red line and "0" on the axis.
     */
    public static CategoryChart dimensionBars(EvaluationReport r, String title) {
        List<String> categories = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        categories.add(String.format(Locale.ROOT, "composite %.0f", r.compositeScore()));
        values.add(r.compositeScore());
        for (Map.Entry<String, DimensionResult> e : r.dimensions().entrySet()) {
            categories.add(String.format(
                    Locale.ROOT,
                    "%s %.0f",
                    e.getKey().replace('_', ' '),
                    e.getValue().score()));
            values.add(e.getValue().score());
        }
        int width = ChartSizing.width(categories.size(), 1, RunCharts.SMALL_WIDTH);
        int rotation = ChartSizing.rotation(categories, width);
        CategoryChart chart = new CategoryChartBuilder()
                .width(width)
                .height(ChartSizing.height(RunCharts.SMALL_HEIGHT - 60, categories, rotation))
                .title(title)
                .yAxisTitle("score (0-100)")
                .build();
        ChartStyle.apply(chart);
        chart.getStyler().setXAxisLabelRotation(rotation);
        chart.getStyler().setLegendVisible(false);
        CategorySeries s = chart.addSeries("score", categories, values);
        s.setFillColor(ChartStyle.LVSA);
        List<SlotMarks.Mark> marks = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == 0.0) {
                marks.add(new SlotMarks.Mark(i, 0, 0, SlotMarks.ZERO, true));
            }
        }
        SlotMarks.addTo(chart, categories.size(), marks);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        return chart;
    }

    /**
     * Per video (in the given order, at most {@link #MAX_BARS}): loop quality next to the vbench-like
     * subject consistency; null when no video has either. Each video is labelled "#k name": k is its place
     * in the given order (the ranking's #), the name shortened to {@link ChartSizing#MAX_LABEL} characters.
     */
    public static CategoryChart contrast(List<String> names, List<EvaluationReport> reports) {
        List<String> categories = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        List<Double> subject = new ArrayList<>();
        for (int i = 0; i < reports.size() && categories.size() < MAX_BARS; i++) {
            EvaluationReport r = reports.get(i);
            DimensionResult l = r.dimensions().get("loop_quality");
            double s = Diagnostics.number(r.diagnostics().vbenchLike(), "subject_consistency");
            if (l == null && Double.isNaN(s)) {
                continue;
            }
            categories.add(label(i + 1, names.get(i)));
            loop.add(l == null ? null : l.score());
            subject.add(Double.isNaN(s) ? null : s);
        }
        if (categories.isEmpty()) {
            return null;
        }
        return QualityCharts.contrastChart(
                "Loop quality vs vbench-like subject consistency",
                ChartSizing.unique(categories),
                loop,
                subject,
                "vbench-like subject consistency");
    }

    /** The contrast chart's label of the video at place {@code rank}. */
    public static String label(int rank, String name) {
        return "#" + rank + " " + ChartSizing.abbreviate(name, ChartSizing.MAX_LABEL);
    }
}
