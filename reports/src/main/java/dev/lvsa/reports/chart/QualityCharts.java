package dev.lvsa.reports.chart;

import dev.lvsa.datasets.reference.PaperCell;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.Metric;
import dev.lvsa.reports.table.TableCells;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run report's quality charts: VQeval scores per method, and the loop-quality contrast of the run and of the
 * paper. Built from the same cells as the tables; each method returns null when the run has nothing to draw.
 */
public final class QualityCharts {

    private QualityCharts() {}

    /** VQeval composite and dimension scores of each method at one model and horizon. */
    public static CategoryChart dimensionBars(RunGrid grid, String model, Horizon horizon) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.COMPOSITE);
        metrics.addAll(List.of(Metric.VQEVAL_DIMENSIONS));
        List<String> categories = metrics.stream()
                .map(m -> m == Metric.COMPOSITE ? "composite" : m.heading())
                .toList();
        List<String> shown = new ArrayList<>();
        for (String method : grid.methods()) {
            Optional<CellStats> c = grid.cell(model, method, horizon);
            if (c.isPresent()
                    && (c.get().ok() > 0 || RunCharts.markText(TableCells.run(c, Metric.COMPOSITE)) != null)) {
                shown.add(method);
            }
        }
        int width = ChartSizing.width(categories.size(), shown.size(), RunCharts.SMALL_WIDTH);
        int rotation = ChartSizing.rotation(categories, width) == 0 ? 0 : 45;
        CategoryChart chart = new CategoryChartBuilder()
                .width(width)
                .height(RunCharts.SMALL_HEIGHT)
                .title(model + " at " + horizon.label())
                .yAxisTitle("VQeval score (0-100)")
                .build();
        ChartStyle.apply(chart);
        chart.getStyler().setXAxisLabelRotation(rotation);
        List<SlotMarks.Mark> marks = new ArrayList<>();
        boolean anyValue = false;
        for (String method : shown) {
            Color color = ChartStyle.of(method, grid.methods().indexOf(method));
            Optional<CellStats> c = grid.cell(model, method, horizon);
            int series = chart.getSeriesMap().size();
            List<Double> y = new ArrayList<>();
            String why = c.get().ok() == 0 ? RunCharts.markText(TableCells.run(c, Metric.COMPOSITE)) : null;
            for (int i = 0; i < metrics.size(); i++) {
                double v = c.get().ok() == 0
                        ? Double.NaN
                        : c.get().mean(metrics.get(i).column());
                y.add(Double.isNaN(v) ? null : v);
                anyValue |= !Double.isNaN(v);
                if (v == 0.0) {
                    marks.add(new SlotMarks.Mark(i, series, 0, SlotMarks.ZERO, true));
                } else if (why != null) {
                    marks.add(new SlotMarks.Mark(i, series, 0, why, false));
                } else if (Double.isNaN(v)) {
                    // the jobs ran, but VQeval has no score for them (not scored yet, or scoring failed)
                    marks.add(new SlotMarks.Mark(i, series, 0, SlotMarks.NO_SCORE, false));
                }
            }
            chart.addSeries(MethodNames.display(method) + (why == null ? "" : " (" + why + ")"), categories, y)
                    .setFillColor(color);
        }
        if (!anyValue) {
            return null;
        }
        SlotMarks.addTo(chart, categories.size(), marks);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        return chart;
    }

    /**
     * The contrast in this run: per method and horizon of one model, VQeval loop_quality (bars, left axis,
     * 0-100) next to the vbench-like subject consistency (diamonds, right axis, zoomed to its range).
     */
    public static CategoryChart contrast(RunGrid grid, String model) {
        List<String> categories = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        List<Double> subject = new ArrayList<>();
        for (String method : grid.methods()) {
            for (Horizon h : grid.horizons(model)) {
                Optional<CellStats> c = grid.cell(model, method, h);
                if (c.isEmpty() || c.get().ok() == 0) {
                    continue;
                }
                double l = c.get().mean(Metric.LOOP_QUALITY.column());
                double s = c.get().mean(Metric.SUBJECT_CONSISTENCY.column());
                if (Double.isNaN(l) && Double.isNaN(s)) {
                    continue;
                }
                categories.add(MethodNames.display(method) + " " + h.label());
                loop.add(Double.isNaN(l) ? null : l);
                subject.add(Double.isNaN(s) ? null : s);
            }
        }
        if (categories.isEmpty()) {
            return null;
        }
        return contrastChart("This run: " + model, categories, loop, subject, "vbench-like subject consistency");
    }

    /**
     * The same contrast in the paper's own numbers (dense and LVSA through SDPA, every published horizon of
     * one paper model): the paper's VQeval loop score next to VBench-Long's subject consistency.
     */
    public static CategoryChart paperContrast(PaperMeans paper, PaperModel model) {
        List<String> categories = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        List<Double> subject = new ArrayList<>();
        for (String method : List.of("dense", "lvsa")) {
            List<PaperCell> cells = paper.cells().stream()
                    .filter(c -> c.paperModel() == model
                            && c.method().equals(method)
                            && !c.outOfMemory()
                            && (c.backend().isEmpty() || c.backend().equals(PaperMeans.BACKEND_SDPA)))
                    .sorted(Comparator.comparingDouble(PaperCell::horizon))
                    .toList();
            for (PaperCell c : cells) {
                if (c.mean(PaperMeans.VQ_LOOP).isEmpty()
                        || c.mean(PaperMeans.VBENCH_SUBJECT).isEmpty()) {
                    continue;
                }
                categories.add(MethodNames.display(method) + " " + new Horizon(c.horizon()).label());
                loop.add(c.mean(PaperMeans.VQ_LOOP).getAsDouble());
                subject.add(c.mean(PaperMeans.VBENCH_SUBJECT).getAsDouble());
            }
        }
        if (categories.isEmpty()) {
            return null;
        }
        return contrastChart(
                "Paper: " + model.displayName() + " (A100, 5 prompts each)",
                categories,
                loop,
                subject,
                "VBench-Long subject consistency");
    }

    /** Series names of the contrast chart, for tests. */
    public static final String CONTRAST_LOOP = "VQeval loop quality (left axis)";
    /** Legend entry of the contrast chart's zero marks (present only when a loop quality is 0). */
    public static final String CONTRAST_ZERO = "loop quality 0 (red line on the axis)";

    /**
     * Loop quality as bars (left axis, 0-100; a 0 gets a red line and "0" on the axis, {@link SlotMarks}) and the
     * subject consistency as diamonds on the same category (right axis, zoomed to its range). Sized to the
     * number of categories ({@link ChartSizing}).
     */
    static CategoryChart contrastChart(
            String title, List<String> categories, List<Double> loop, List<Double> subject, String subjectName) {
        int n = categories.size();
        int width = ChartSizing.width(n, 1, RunCharts.WIDTH);
        int rotation = ChartSizing.rotation(categories, width);
        boolean anyZero = loop.stream().anyMatch(v -> v != null && v == 0.0);
        List<String> legend = new ArrayList<>(List.of(CONTRAST_LOOP, subjectName + " (right axis)"));
        if (anyZero) {
            legend.add(CONTRAST_ZERO);
        }
        int legendLines = ChartSizing.legendLines(legend, width);
        CategoryChart chart = new CategoryChartBuilder()
                .width(width)
                .height(ChartSizing.height(RunCharts.HEIGHT, categories, rotation) + 20 * (legendLines - 1))
                .title(title)
                .build();
        ChartStyle.apply(chart);
        if (legendLines > 1) {
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        }
        // one bar per category: the diamond stands on its bar, not beside it
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setAvailableSpaceFill(n > 12 ? 0.7 : 0.5);
        chart.getStyler().setXAxisLabelRotation(rotation);
        addLoopBars(chart, categories, loop);
        addSubjectDiamonds(chart, categories, subject, subjectName);
        return chart;
    }

    /** The loop quality as bars on the left axis (0-100), each 0 marked with a red line and its legend entry. */
    private static void addLoopBars(CategoryChart chart, List<String> categories, List<Double> loop) {
        int n = categories.size();
        chart.addSeries(CONTRAST_LOOP, categories, loop).setFillColor(ChartStyle.LVSA);
        List<SlotMarks.Mark> marks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (loop.get(i) != null && loop.get(i) == 0.0) {
                marks.add(new SlotMarks.Mark(i, 0, 0, SlotMarks.ZERO, true));
            }
        }
        SlotMarks.addTo(chart, n, marks);
        if (!marks.isEmpty()) {
            // a legend entry for the marks (the series itself draws nothing)
            List<Double> none = new ArrayList<>(java.util.Collections.nCopies(n, (Double) null));
            chart.addSeries(CONTRAST_ZERO, categories, none).setFillColor(ChartStyle.ZERO);
        }
    }

    /** The subject consistency as diamonds on the right axis (zoomed to their range); both axes' ranges and titles. */
    private static void addSubjectDiamonds(
            CategoryChart chart, List<String> categories, List<Double> subject, String subjectName) {
        int n = categories.size();
        CategorySeries s = chart.addSeries(subjectName + " (right axis)", categories, subject);
        s.setYAxisGroup(1);
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(ChartStyle.SECOND);
        s.setFillColor(ChartStyle.SECOND);
        chart.getStyler().setMarkerSize(n > 24 ? 10 : 13);
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().setYAxisMax(0, 100.0);
        double min = subject.stream()
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(0.9);
        // zoomed to the diamonds, with a fifth of the plot below the lowest: it never sits on the axis, where
        // a zero's mark is
        double lower = Math.min(0.9, Math.floor((min - 0.25 * (1 - min) - 0.005) * 50) / 50);
        chart.getStyler().setYAxisMin(1, Math.max(0, lower));
        chart.getStyler().setYAxisMax(1, 1.0);
        chart.setYAxisGroupTitle(0, "loop quality (0-100)");
        chart.setYAxisGroupTitle(1, "subject consistency (0-1)");
        chart.getStyler().setYAxisGroupTitleColor(1, ChartStyle.SECOND.darker());
    }
}
