package dev.lvsa.reports.chart;

import dev.lvsa.datasets.reference.PaperCell;
import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import dev.lvsa.reports.run.CellStats;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.JobRecord;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.run.SparsityPoint;
import dev.lvsa.reports.table.Cell;
import dev.lvsa.reports.table.MethodNames;
import dev.lvsa.reports.table.Metric;
import dev.lvsa.reports.table.PaperLookup;
import dev.lvsa.reports.table.TableCells;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private RunCharts() {
  }

  /**
   * Latency against video frames for each method of one model (solid); the paper's dense and LVSA (dashed,
   * lighter) where the paper has the model and the run has the method.
   */
  public static XYChart latencyScaling(RunGrid grid, PaperLookup paper, String model) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Latency scaling: " + model)
        .xAxisTitle("video frames").yAxisTitle("end-to-end latency (s)").build();
    ChartStyle.apply(chart);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
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
        min = Math.min(min, y.stream().mapToDouble(Double::doubleValue).min().orElse(min));
        max = Math.max(max, y.stream().mapToDouble(Double::doubleValue).max().orElse(max));
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      return null;
    }
    for (String method : List.of("dense", "lvsa")) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<PaperCell> cells = paperCells(paper, model, method);
      for (PaperCell c : cells) {
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
        min = Math.min(min, y.stream().mapToDouble(Double::doubleValue).min().orElse(min));
        max = Math.max(max, y.stream().mapToDouble(Double::doubleValue).max().orElse(max));
      }
    }
    if (min > 0 && max / min > 50) {
      chart.getStyler().setYAxisLogarithmic(true);
      chart.setYAxisTitle("end-to-end latency (s, log scale)");
    } else {
      chart.getStyler().setYAxisMin(0.0);
    }
    return chart;
  }

  /** Speedup over dense of every other method, per horizon of one model; the paper's LVSA beside. */
  public static CategoryChart speedupBars(RunGrid grid, PaperLookup paper, String model) {
    if (!grid.hasMethod("dense")) {
      return null;
    }
    List<Horizon> horizons = grid.horizons(model);
    List<String> categories = horizons.stream().map(Horizon::label).toList();
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Speedup over dense: " + model).xAxisTitle("horizon").yAxisTitle("dense latency / method latency (×)")
        .build();
    ChartStyle.apply(chart);
    int index = 0;
    boolean any = false;
    for (String method : grid.methods()) {
      Color color = ChartStyle.of(method, index++);
      if (method.equals("dense")) {
        continue;
      }
      List<Double> y = new ArrayList<>();
      boolean has = false;
      for (Horizon h : horizons) {
        Cell c = TableCells.runSpeedup(grid, model, "dense", method, h);
        y.add(c.hasValue() ? c.value() : null);
        has |= c.hasValue();
      }
      if (has) {
        CategorySeries s = chart.addSeries(MethodNames.display(method), categories, y);
        s.setFillColor(color);
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    if (grid.hasMethod("lvsa") && paper.covers(model, "lvsa")) {
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
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("0.0");
    chart.addAnnotation(new AnnotationLine(1.0, false, false));
    return chart;
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
    return gaps.isEmpty() ? null : "No bars where there is no dense latency to divide: " + String.join("; ", gaps) + ".";
  }

  /**
   * Planned attention density against frames per model (the given series), with the densities the run's
   * LVSA jobs realised as separate markers.
   */
  public static XYChart sparsity(Map<String, List<SparsityPoint>> planned, RunGrid grid) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("LVSA attention density vs video length")
        .xAxisTitle("video frames").yAxisTitle("attended share of full attention").build();
    ChartStyle.apply(chart);
    int index = 0;
    for (Map.Entry<String, List<SparsityPoint>> e : planned.entrySet()) {
      List<SparsityPoint> pts = e.getValue().stream().sorted(Comparator.comparingInt(SparsityPoint::frames)).toList();
      if (pts.isEmpty()) {
        continue;
      }
      Color color = ChartStyle.of("other", index++);
      XYSeries s = chart.addSeries(e.getKey() + " (planned)", pts.stream().map(p -> (double) p.frames()).toList(),
          pts.stream().map(SparsityPoint::density).toList());
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    index = 0;
    for (String model : grid.models()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (JobRecord j : grid.jobs()) {
        if (j.model().equals(model) && j.method().equals("lvsa") && j.ok() && j.frames() > 0
            && !Double.isNaN(j.number(Metric.DENSITY.column()))) {
          x.add((double) j.frames());
          y.add(j.number(Metric.DENSITY.column()));
        }
      }
      Color color = ChartStyle.of("other", index++);
      if (!x.isEmpty()) {
        XYSeries s = chart.addSeries(model + " (this run's LVSA jobs)", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CROSS);
        s.setMarkerColor(color.darker());
      }
    }
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

  /** VQeval composite and dimension scores of each method at one model and horizon. */
  public static CategoryChart dimensionBars(RunGrid grid, String model, Horizon horizon) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.COMPOSITE);
    metrics.addAll(List.of(Metric.VQEVAL_DIMENSIONS));
    List<String> categories = metrics.stream().map(m -> m == Metric.COMPOSITE ? "composite" : m.heading()).toList();
    CategoryChart chart = new CategoryChartBuilder().width(SMALL_WIDTH).height(SMALL_HEIGHT)
        .title(model + " at " + horizon.label()).yAxisTitle("VQeval score (0-100)").build();
    ChartStyle.apply(chart);
    chart.getStyler().setXAxisLabelRotation(45);
    int index = 0;
    for (String method : grid.methods()) {
      Color color = ChartStyle.of(method, index++);
      Optional<CellStats> c = grid.cell(model, method, horizon);
      if (c.isEmpty() || c.get().ok() == 0) {
        continue;
      }
      List<Double> y = new ArrayList<>();
      boolean has = false;
      for (Metric m : metrics) {
        double v = c.get().mean(m.column());
        y.add(Double.isNaN(v) ? null : v);
        has |= !Double.isNaN(v);
      }
      if (has) {
        chart.addSeries(MethodNames.display(method), categories, y).setFillColor(color);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      return null;
    }
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
          .filter(c -> c.paperModel() == model && c.method().equals(method) && !c.outOfMemory()
              && (c.backend().isEmpty() || c.backend().equals(PaperMeans.BACKEND_SDPA)))
          .sorted(Comparator.comparingDouble(PaperCell::horizon)).toList();
      for (PaperCell c : cells) {
        if (c.mean(PaperMeans.VQ_LOOP).isEmpty() || c.mean(PaperMeans.VBENCH_SUBJECT).isEmpty()) {
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
    return contrastChart("Paper: " + model.displayName() + " (A100, 5 prompts each)", categories, loop, subject,
        "VBench-Long subject consistency");
  }

  /** Series names of the contrast chart, for tests. */
  public static final String CONTRAST_LOOP = "VQeval loop quality (left axis)";

  static CategoryChart contrastChart(String title, List<String> categories, List<Double> loop,
      List<Double> subject, String subjectName) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
    ChartStyle.apply(chart);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 5 ? 45 : 0);
    chart.addSeries(CONTRAST_LOOP, categories, loop).setFillColor(ChartStyle.LVSA);
    CategorySeries s = chart.addSeries(subjectName + " (right axis)", categories, subject);
    s.setYAxisGroup(1);
    s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.DIAMOND);
    s.setMarkerColor(ChartStyle.SECOND);
    s.setFillColor(ChartStyle.SECOND);
    chart.getStyler().setMarkerSize(13);
    chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    chart.getStyler().setYAxisMin(0, 0.0);
    chart.getStyler().setYAxisMax(0, 100.0);
    double min = subject.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(0.9);
    double lower = Math.min(0.9, Math.floor((min - 0.01) * 50) / 50);
    chart.getStyler().setYAxisMin(1, Math.max(0, lower));
    chart.getStyler().setYAxisMax(1, 1.0);
    chart.setYAxisGroupTitle(0, "loop quality (0-100)");
    chart.setYAxisGroupTitle(1, "subject consistency (0-1)");
    chart.getStyler().setYAxisGroupTitleColor(1, ChartStyle.SECOND.darker());
    return chart;
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
