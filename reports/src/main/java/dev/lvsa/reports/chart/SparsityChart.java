package dev.lvsa.reports.chart;

import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.reports.run.PlannedDensity;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.run.SparsityPoint;
import dev.lvsa.reports.table.Metric;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart behind {@link RunCharts#sparsity}: LVSA's planned attention density against video frames, a line per
 * model and LVSA variant, and the densities the run's LVSA jobs realised as crosses; one colour per model.
 */
final class SparsityChart {

    /** A model's planned lines: circles for its first LVSA variant, other shapes for the next. */
    private static final List<Marker> PLANNED_MARKERS =
            List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP);

    private SparsityChart() {}

    /** The chart; null when there is neither a planned line nor a realised density. */
    static XYChart draw(List<PlannedDensity.Series> planned, RunGrid grid) {
        XYChart chart = new XYChartBuilder()
                .width(RunCharts.WIDTH)
                .height(RunCharts.HEIGHT)
                .title("LVSA attention density vs video length")
                .xAxisTitle("video frames")
                .yAxisTitle("attended share of full attention")
                .build();
        ChartStyle.apply(chart);
        // the run's models first, then models that only a plan names: a model's index picks its colour
        List<String> models = new ArrayList<>(grid.models());
        addPlannedLines(chart, planned, models);
        addRealisedDensities(chart, grid, models);
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        // density falls with length: the upper right corner is empty
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendBorderColor(new Color(0xDD, 0xDD, 0xDD));
        return chart;
    }

    /** One line per planned series, in its model's colour, with a marker shape per variant of the model. */
    private static void addPlannedLines(XYChart chart, List<PlannedDensity.Series> planned, List<String> models) {
        Map<String, Integer> variantsSoFar = new HashMap<>();
        for (PlannedDensity.Series line : planned) {
            if (line.points().isEmpty()) {
                continue;
            }
            if (!models.contains(line.model())) {
                models.add(line.model());
            }
            Color color = ChartStyle.of("other", models.indexOf(line.model()));
            int variant = variantsSoFar.merge(line.model(), 1, Integer::sum) - 1;
            XYSeries s = chart.addSeries(
                    line.label() + " (planned)",
                    line.points().stream().map(p -> (double) p.frames()).toList(),
                    line.points().stream().map(SparsityPoint::density).toList());
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(PLANNED_MARKERS.get(variant % PLANNED_MARKERS.size()));
        }
    }

    /** Per model, the densities its successful LVSA jobs report, as crosses in a darker shade of its colour. */
    private static void addRealisedDensities(XYChart chart, RunGrid grid, List<String> models) {
        for (String model : grid.models()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (JobRecord j : grid.jobs()) {
                if (j.model().equals(model)
                        && j.method().equals("lvsa")
                        && j.ok()
                        && j.frames() > 0
                        && !Double.isNaN(j.number(Metric.DENSITY.column()))) {
                    x.add((double) j.frames());
                    y.add(j.number(Metric.DENSITY.column()));
                }
            }
            Color color = ChartStyle.of("other", models.indexOf(model));
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(model + " (this run's LVSA jobs)", x, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CROSS);
                s.setMarkerColor(color.darker());
            }
        }
    }
}
