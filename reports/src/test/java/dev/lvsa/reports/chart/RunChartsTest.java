package dev.lvsa.reports.chart;

import static dev.lvsa.reports.TestRuns.HV;
import static dev.lvsa.reports.TestRuns.WAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.datasets.reference.PaperMeans;
import dev.lvsa.datasets.reference.PaperModel;
import dev.lvsa.reports.TestRuns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.PlannedDensity;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.run.SparsityPoint;
import dev.lvsa.reports.table.PaperLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * The run charts: which series they draw from the run and the paper, and that their files are real
 * pictures (size and pixel statistics, never bytes).
 */
class RunChartsTest {

    private final RunGrid grid = TestRuns.fullGrid();
    private final PaperLookup paper = TestRuns.paper(grid);

    @Test
    void latencyScalingDrawsEveryMethodAndThePapersDenseAndLvsa() {
        XYChart c = RunCharts.latencyScaling(grid, paper, WAN);
        assertThat(c.getSeriesMap().keySet())
                .containsExactly("dense", "RIFLEx", "UltraViCo", "LVSA", "dense · paper", "LVSA · paper");
        // this run's LVSA: one point per horizon with a latency, x = frames
        assertThat(c.getSeriesMap().get("LVSA").getXData()).containsExactly(81.0, 161.0, 321.0);
        assertThat(c.getSeriesMap().get("LVSA").getYData()).containsExactly(96.0, 172.0, 332.0);
        // the paper's dense goes to 481 frames (6x)
        assertThat(c.getSeriesMap().get("dense · paper").getXData()).containsExactly(81.0, 161.0, 321.0, 481.0);
        // HunyuanVideo dense at 2x is OOM: its line stops at 193 frames
        assertThat(RunCharts.latencyScaling(grid, paper, HV)
                        .getSeriesMap()
                        .get("dense")
                        .getXData())
                .containsExactly(129.0, 193.0);
    }

    @Test
    void speedupBarsLeaveOutWhatCannotBeDividedAndSayWhy() {
        CategoryChart c = RunCharts.speedupBars(grid, paper, HV);
        assertThat(c.getSeriesMap().keySet()).containsExactly("RIFLEx", "UltraViCo", "LVSA", "LVSA · paper");
        List<Number> y = new java.util.ArrayList<>(c.getSeriesMap().get("LVSA").getYData());
        assertThat(y).containsExactly(1152.0 / 522.0, 2402.0 / 802.0, null);
        assertThat(RunCharts.speedupGaps(grid, HV)).contains("at 2x dense ran out of memory");
        assertThat(RunCharts.speedupGaps(grid, WAN)).isNull();
    }

    @Test
    void theContrastChartPutsLoopQualityBesideSubjectConsistencyOnItsOwnAxis() {
        CategoryChart run = QualityCharts.contrast(grid, WAN);
        assertThat(run.getSeriesMap()).hasSize(2);
        List<Object> runX = new java.util.ArrayList<>(
                run.getSeriesMap().get(QualityCharts.CONTRAST_LOOP).getXData());
        assertThat(runX).contains("dense 4x", "LVSA 4x").doesNotContain("RIFLEx 4x");
        CategoryChart published = QualityCharts.paperContrast(PaperMeans.load(), PaperModel.WAN_2_1_1_3B);
        List<Object> x = new java.util.ArrayList<>(
                published.getSeriesMap().get(QualityCharts.CONTRAST_LOOP).getXData());
        List<? extends Number> loop = published.getSeriesMap().get(QualityCharts.CONTRAST_LOOP).getYData().stream()
                .toList();
        // the paper's own contrast: dense 6x loop 43.78 below LVSA 6x 74.68
        assertThat(x)
                .containsExactly(
                        "dense 1x", "dense 2x", "dense 4x", "dense 6x", "LVSA 1x", "LVSA 2x", "LVSA 4x", "LVSA 6x");
        assertThat(loop.get(3).doubleValue()).isLessThan(loop.get(7).doubleValue());
    }

    @Test
    void sparsityTakesThePlannedSeriesAndTheRealisedDensities() {
        List<PlannedDensity.Series> planned = List.of(
                new PlannedDensity.Series(
                        WAN,
                        "lvsa",
                        List.of(
                                new SparsityPoint(81, 1.0),
                                new SparsityPoint(161, 0.512),
                                new SparsityPoint(321, 0.259))),
                new PlannedDensity.Series(WAN, "lvsa[window=2]", List.of(new SparsityPoint(161, 0.469))));
        XYChart c = RunCharts.sparsity(planned, grid);
        assertThat(c.getSeriesMap().keySet())
                .containsExactly(
                        WAN + " (planned)",
                        WAN + " lvsa[window=2] (planned)",
                        WAN + " (this run's LVSA jobs)",
                        HV + " (this run's LVSA jobs)");
        // one colour per model; a model's second variant another marker
        assertThat(c.getSeriesMap().get(WAN + " lvsa[window=2] (planned)").getLineColor())
                .isEqualTo(c.getSeriesMap().get(WAN + " (planned)").getLineColor());
        assertThat(c.getSeriesMap().get(WAN + " lvsa[window=2] (planned)").getMarker())
                .isNotEqualTo(c.getSeriesMap().get(WAN + " (planned)").getMarker());
        assertThat(RunCharts.sparsity(List.of(), new RunGrid(List.of()))).isNull();
    }

    @Test
    void chartFilesArePicturesOfTheRightSizeWithRealContent(@TempDir Path dir) throws IOException {
        ChartImage latency = ChartFiles.write(RunCharts.latencyScaling(grid, paper, WAN), dir, "latency");
        ChartImage dims = ChartFiles.write(QualityCharts.dimensionBars(grid, WAN, new Horizon(4)), dir, "dims");
        for (ChartImage img : List.of(latency, dims)) {
            ImageStats s = ImageStats.of(img.png());
            assertThat(s.width()).isEqualTo(img.width());
            assertThat(s.height()).isEqualTo(img.height());
            assertThat(s.distinctColours())
                    .as("anti-aliased lines, text, several series")
                    .isGreaterThan(40);
            assertThat(s.nonWhiteShare()).isBetween(0.02, 0.6);
            String svg = Files.readString(img.svg());
            assertThat(svg).contains("<svg").contains("</svg>");
            assertThat(Files.size(img.svg())).isGreaterThan(5_000);
        }
        assertThat(ImageStats.of(latency.png()).width()).isEqualTo(660);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("latency.png", "latency.svg", "dims.png", "dims.svg");
    }

    @Test
    void fileNamesFromModelNamesAreSafe() {
        assertThat(ChartFiles.slug("wan2.1-t2v-1.3b")).isEqualTo("wan2.1-t2v-1.3b");
        assertThat(ChartFiles.slug("../../etc/passwd")).isEqualTo("etc_passwd");
        assertThat(ChartFiles.slug("<b>Model</b> & co")).isEqualTo("b_model_b_co");
        assertThat(ChartFiles.slug("///")).isEqualTo("x");
    }
}
