package dev.lvsa.reports.chart;

import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/** Charts of a VQeval batch report, in the run report's look. */
public final class BatchCharts {

  /** Videos shown by name in one bar chart at most; more make the labels unreadable. */
  public static final int MAX_BARS = 40;

  private BatchCharts() {
  }

  /** One video's composite and dimension scores (0-100). */
  public static CategoryChart dimensionBars(EvaluationReport r, String title) {
    List<String> categories = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    // the score is written in the label too: a score of 0 has no bar to see
    categories.add(String.format(java.util.Locale.ROOT, "composite %.0f", r.compositeScore()));
    values.add(r.compositeScore());
    for (Map.Entry<String, DimensionResult> e : r.dimensions().entrySet()) {
      categories.add(String.format(java.util.Locale.ROOT, "%s %.0f", e.getKey().replace('_', ' '), e.getValue().score()));
      values.add(e.getValue().score());
    }
    CategoryChart chart = new CategoryChartBuilder().width(RunCharts.SMALL_WIDTH).height(RunCharts.SMALL_HEIGHT + 40)
        .title(title).yAxisTitle("score (0-100)").build();
    ChartStyle.apply(chart);
    // upright labels: at 45 degrees XChart drops the last, longest one off the right edge
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setLegendVisible(false);
    CategorySeries s = chart.addSeries("score", categories, values);
    s.setFillColor(ChartStyle.LVSA);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    return chart;
  }

  /**
   * Per video (in the given order, at most {@link #MAX_BARS}): loop quality next to the vbench-like
   * subject consistency; null when no video has either.
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
      String label = shorten(names.get(i));
      for (int k = 2; categories.contains(label); k++) {
        label = shorten(names.get(i)) + " #" + k;
      }
      categories.add(label);
      loop.add(l == null ? null : l.score());
      subject.add(Double.isNaN(s) ? null : s);
    }
    if (categories.isEmpty()) {
      return null;
    }
    return RunCharts.contrastChart("Loop quality vs vbench-like subject consistency", categories, loop, subject,
        "vbench-like subject consistency");
  }

  private static String shorten(String name) {
    String n = name.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1);
    return n.length() <= 22 ? n : n.substring(0, 10) + "…" + n.substring(n.length() - 10);
  }
}
