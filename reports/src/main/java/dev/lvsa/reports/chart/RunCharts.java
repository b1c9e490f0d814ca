package dev.lvsa.reports.chart;

import dev.lvsa.datasets.reference.PaperCell;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.PlannedDensity;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.Metric;
import dev.lvsa.reports.table.PaperLookup;
import dev.lvsa.reports.table.TableCells;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run report's charts, built from the same cells as the tables. Each method returns null when the
 * run has nothing to draw (the report then says why in the chart's place).
 */
public final class RunCharts {

    static final int WIDTH = 660;
    static final int HEIGHT = 420;
    static final int SMALL_WIDTH = 420;
    static final int SMALL_HEIGHT = 360;

    private RunCharts() {}

    /**
     * Latency against video frames for each method of one model (solid); the paper's dense and LVSA (dashed,
     * lighter) where the paper has the model and the run has the method.
     */
    public static XYChart latencyScaling(RunGrid grid, PaperLookup paper, String model) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Latency scaling: " + model)
                .xAxisTitle("video frames")
                .yAxisTitle("end-to-end latency (s)")
                .build();
        ChartStyle.apply(chart);
        double[] range = {Double.POSITIVE_INFINITY, 0};
        int index = 0;
        for (String method : grid.methods()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Horizon h : grid.horizons(model)) {
                Cell c = TableCells.run(grid, model, method, h, Metric.LATENCY);
                int frames = grid.frames(model, h);
                if (c.hasValue() && frames > 0) {
                    x.add((double) frames);
                    y.add(c.value());
                }
            }
            Color color = ChartStyle.of(method, index++);
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(MethodNames.display(method), x, y);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setMarker(SeriesMarkers.CIRCLE);
                widen(range, y);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        java.util.TreeMap<Integer, List<String>> failed = latencyFailures(grid, model);
        List<SlotMarks.Mark> marks = new ArrayList<>();
        failed.forEach((frames, what) -> marks.add(new SlotMarks.Mark(0, 0, frames, String.join("/", what), false)));
        SlotMarks.addTo(chart, marks);
        addPaperLatency(chart, grid, paper, model, range);
        double right = chart.getSeriesMap().values().stream()
                .flatMapToDouble(x -> java.util.Arrays.stream(x.getXData()))
                .max()
                .orElse(0);
        if (!failed.isEmpty() && failed.lastKey() > right) {
            // a mark past the last point: the axis reaches it
            chart.getStyler().setXAxisMax(failed.lastKey() * 1.03);
        }
        if (range[0] > 0 && range[1] / range[0] > 50) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle("end-to-end latency (s, log scale)");
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        return chart;
    }

    /** {min, max} widened to cover {@code values}. */
    private static void widen(double[] range, List<Double> values) {
        range[0] = Math.min(
                range[0], values.stream().mapToDouble(Double::doubleValue).min().orElse(range[0]));
        range[1] = Math.max(
                range[1], values.stream().mapToDouble(Double::doubleValue).max().orElse(range[1]));
    }

    /**
     * Per video length, the words (OOM, failed, ...) for methods without a latency there: shown on the x axis; which
     * methods is in the caption (latencyGaps).
     */
    private static java.util.TreeMap<Integer, List<String>> latencyFailures(RunGrid grid, String model) {
        java.util.TreeMap<Integer, List<String>> failed = new java.util.TreeMap<>();
        for (String method : grid.methods()) {
            for (Horizon h : grid.horizons(model)) {
                String why = markText(TableCells.run(grid, model, method, h, Metric.LATENCY));
                int frames = grid.frames(model, h);
                if (why != null
                        && frames > 0
                        && !failed.computeIfAbsent(frames, k -> new ArrayList<>())
                                .contains(why)) {
                    failed.get(frames).add(why);
                }
            }
        }
        return failed;
    }

    /** The paper's dense and LVSA latency (dashed, lighter) where the paper has the model and the run the method. */
    private static void addPaperLatency(XYChart chart, RunGrid grid, PaperLookup paper, String model, double[] range) {
        for (String method : List.of("dense", "lvsa")) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (PaperCell c : paperCells(paper, model, method)) {
                if (!c.outOfMemory() && c.mean(PaperMeans.WALL_TIME_S).isPresent()) {
                    x.add((double) c.videoFrames());
                    y.add(c.mean(PaperMeans.WALL_TIME_S).getAsDouble());
                }
            }
            if (!x.isEmpty() && grid.hasMethod(method)) {
                Color color = ChartStyle.light(ChartStyle.of(method, 0));
                XYSeries s = chart.addSeries(MethodNames.display(method) + " · paper", x, y);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setLineStyle(SeriesLines.DASH_DASH);
                s.setMarker(SeriesMarkers.DIAMOND);
                widen(range, y);
            }
        }
    }

    /** Speedup over dense of every other method, per horizon of one model; the paper's LVSA beside. */
    public static CategoryChart speedupBars(RunGrid grid, PaperLookup paper, String model) {
        if (!grid.hasMethod("dense")) {
            return null;
        }
        List<Horizon> horizons = grid.horizons(model);
        List<String> categories = speedupCategories(grid, model, horizons);
        int methods =
                (int) grid.methods().stream().filter(m -> !m.equals("dense")).count() + 1;
        int width = ChartSizing.width(categories.size(), methods, WIDTH);
        int rotation = ChartSizing.rotation(categories, width);
        CategoryChart chart = new CategoryChartBuilder()
                .width(width)
                .height(ChartSizing.height(HEIGHT, categories, rotation))
                .title("Speedup over dense: " + model)
                .xAxisTitle("horizon")
                .yAxisTitle("dense latency / method latency (×)")
                .build();
        ChartStyle.apply(chart);
        chart.getStyler().setXAxisLabelRotation(rotation);
        List<SlotMarks.Mark> marks = new ArrayList<>();
        int index = 0;
        boolean any = false;
        for (String method : grid.methods()) {
            Color color = ChartStyle.of(method, index++);
            if (method.equals("dense")) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            List<SlotMarks.Mark> own = new ArrayList<>();
            boolean has = false;
            int series = chart.getSeriesMap().size();
            for (int i = 0; i < horizons.size(); i++) {
                Cell c = TableCells.runSpeedup(grid, model, "dense", method, horizons.get(i));
                y.add(c.hasValue() ? c.value() : null);
                has |= c.hasValue();
                // the method's own failure; a dense failure is said under the horizon
                String why = c.kind() == Cell.Kind.NOTE ? null : markText(c);
                if (why != null) {
                    own.add(new SlotMarks.Mark(i, series, 0, why, false));
                }
            }
            if (has || !own.isEmpty()) {
                CategorySeries s = chart.addSeries(MethodNames.display(method), categories, y);
                s.setFillColor(color);
                marks.addAll(own);
                any |= has;
            }
        }
        if (!any) {
            return null;
        }
        if (grid.hasMethod("lvsa") && paper.covers(model, "lvsa")) {
            addPaperSpeedup(chart, paper, model, horizons, categories);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.addAnnotation(new AnnotationLine(1.0, false, false));
        SlotMarks.addTo(chart, categories.size(), marks);
        return chart;
    }

    /** The horizon labels under the speedup bars; a horizon where dense has no latency says why. */
    private static List<String> speedupCategories(RunGrid grid, String model, List<Horizon> horizons) {
        List<String> categories = new ArrayList<>();
        for (Horizon h : horizons) {
            String why = markText(TableCells.run(grid, model, "dense", h, Metric.LATENCY));
            categories.add(why == null ? h.label() : h.label() + " (dense " + why + ")");
        }
        return categories;
    }

    /** The paper's LVSA speedup over dense (lighter bars) at the horizons it has. */
    private static void addPaperSpeedup(
            CategoryChart chart, PaperLookup paper, String model, List<Horizon> horizons, List<String> categories) {
        List<Double> y = new ArrayList<>();
        boolean has = false;
        for (Horizon h : horizons) {
            Cell c = paper.speedup(model, "dense", "lvsa", h);
            y.add(c.hasValue() ? c.value() : null);
            has |= c.hasValue();
        }
        if (has) {
            CategorySeries s = chart.addSeries("LVSA · paper", categories, y);
            s.setFillColor(ChartStyle.light(ChartStyle.LVSA));
        }
    }

    /**
     * Which methods have no latency at which length (the words on the latency chart's x axis); null when every
     * cell that ran has one.
     */
    public static String latencyGaps(RunGrid grid, String model) {
        List<String> gaps = new ArrayList<>();
        for (Horizon h : grid.horizons(model)) {
            List<String> what = new ArrayList<>();
            for (String method : grid.methods()) {
                String why = markText(TableCells.run(grid, model, method, h, Metric.LATENCY));
                if (why != null) {
                    what.add(MethodNames.display(method) + " "
                            + (why.equals(Cell.OOM_MARK) ? "ran out of memory" : why));
                }
            }
            int frames = grid.frames(model, h);
            if (!what.isEmpty() && frames > 0) {
                gaps.add("at " + frames + " frames (" + h.label() + ") " + String.join(", ", what));
            }
        }
        return gaps.isEmpty() ? null : "Red words on the x axis: no latency " + String.join("; ", gaps) + ".";
    }

    /**
     * Why bars are missing from a model's speedup chart: horizons where dense has no latency (OOM, failed,
     * pending, not run); null when every horizon has one.
     */
    public static String speedupGaps(RunGrid grid, String model) {
        List<String> gaps = new ArrayList<>();
        for (Horizon h : grid.horizons(model)) {
            Cell dense = TableCells.run(grid, model, "dense", h, Metric.LATENCY);
            if (!dense.hasValue()) {
                String why = switch (dense.kind()) {
                    case OOM -> "ran out of memory";
                    case PENDING -> "is pending";
                    case MISSING -> "was not run";
                    default -> "failed (" + dense.text() + ")";
                };
                gaps.add("at " + h.label() + " dense " + why);
            }
        }
        return gaps.isEmpty()
                ? null
                : "No bars where there is no dense latency to divide: " + String.join("; ", gaps) + ".";
    }

    /**
     * Planned attention density against frames, one line per model and LVSA variant (from the jobs' own plans),
     * with the densities the run's LVSA jobs realised as separate markers in their model's colour.
     */
    public static XYChart sparsity(List<PlannedDensity.Series> planned, RunGrid grid) {
        return SparsityChart.draw(planned, grid);
    }

    /**
     * What a chart says where a cell has no figure: "OOM", "error", "timeout", "pending" or a note; null
     * where the cell has a figure or was not run (nothing to say).
     */
    static String markText(Cell c) {
        return switch (c.kind()) {
            case OOM, FAILED, PENDING, NOTE -> c.text();
            default -> null;
        };
    }

    private static List<PaperCell> paperCells(PaperLookup paper, String model, String method) {
        List<PaperCell> out = new ArrayList<>();
        for (PaperCell c : paper.paper().cells()) {
            if (c.model().equals(model) && c.method().equals(method)) {
                out.add(c);
            }
        }
        if (method.equals("lvsa")) {
            // one backend only: the one this run's LVSA compares with
            String backend = paper.backendFor(model, method);
            out.removeIf(c -> !c.backend().equals(backend));
        }
        out.sort(Comparator.comparingDouble(PaperCell::horizon));
        return out;
    }
}
