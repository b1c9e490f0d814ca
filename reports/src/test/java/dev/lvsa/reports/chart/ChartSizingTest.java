package dev.lvsa.reports.chart;

import static dev.lvsa.reports.TestRuns.HV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.TestRuns;
import dev.lvsa.reports.run.Horizon;
import dev.lvsa.reports.run.RunGrid;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * Charts sized to their data: more items make a wider (and, with upright labels, taller) chart whose
 * labels keep a readable slot each; a value of 0 and a cell without a result are marked where their bar
 * would be.
 */
class ChartSizingTest {

    private static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(BatchCharts.label(i + 1, String.format("%03d_loop_overlay_with_a_long_name_s%d.mp4", i, i)));
        }
        return out;
    }

    private static List<Double> values(int n, double v) {
        return new ArrayList<>(java.util.Collections.nCopies(n, v));
    }

    /** Builds the contrast chart the batch and run reports share. */
    private static CategoryChart contrast(List<String> labels, List<Double> loop) {
        return QualityCharts.contrastChart("t", labels, loop, values(labels.size(), 0.9), "subject");
    }

    @Test
    void theContrastChartGrowsWithTheNumberOfVideosAndStaysOnThePage() {
        CategoryChart three = contrast(names(3), values(3, 50.0));
        CategoryChart forty = contrast(names(40), values(40, 50.0));
        CategoryChart sixty = contrast(names(60), values(60, 50.0));
        assertThat(forty.getWidth()).isGreaterThan(three.getWidth());
        assertThat(sixty.getWidth())
                .isGreaterThanOrEqualTo(forty.getWidth())
                .isLessThanOrEqualTo(ChartSizing.MAX_WIDTH);
        // forty labels cannot lie level: they stand upright, and the chart grows by their length
        assertThat(forty.getStyler().getXAxisLabelRotation()).isEqualTo(90);
        assertThat(forty.getHeight()).isGreaterThan(three.getHeight());
        // each upright label keeps a slot wider than a line of its text
        assertThat(ChartSizing.slot(forty.getWidth(), 40)).isGreaterThanOrEqualTo(ChartSizing.MIN_SLOT);
    }

    @Test
    void levelLabelsAreKeptOnlyWhereTheyFitTheirSlot() {
        List<String> shortOnes = List.of("#1 a", "#2 b", "#3 c");
        CategoryChart c = contrast(shortOnes, values(3, 50.0));
        assertThat(c.getStyler().getXAxisLabelRotation()).isZero();
        int width = ChartSizing.width(3, 1, 660);
        for (String label : names(3)) {
            // whatever is level fits its slot, whatever does not fit stands upright
            boolean level = ChartSizing.rotation(List.of(label, label, label), width) == 0;
            assertThat(level).isEqualTo(ChartSizing.widest(List.of(label)) + 10 <= ChartSizing.slot(width, 3));
        }
    }

    @Test
    void widthGrowsWithBarsPerCategoryToo() {
        assertThat(ChartSizing.width(6, 4, 420)).isGreaterThan(ChartSizing.width(6, 1, 420));
        assertThat(ChartSizing.width(1, 1, 420)).isEqualTo(420);
        assertThat(ChartSizing.width(500, 4, 420)).isEqualTo(ChartSizing.MAX_WIDTH);
    }

    @Test
    void longNamesAreShortenedInTheMiddleAndKeptApart() {
        String s = ChartSizing.abbreviate("/runs/x/tiny-wan_ultravico_65f_demo-kite_s0_bb2cd056.mp4", 28);
        assertThat(s)
                .hasSize(28)
                .startsWith("tiny-wan_ultr")
                .endsWith("s0_bb2cd056")
                .contains("…");
        assertThat(ChartSizing.abbreviate("C:\\v\\short.mp4", 28)).isEqualTo("short");
        assertThat(ChartSizing.unique(List.of("a", "b", "a", "a"))).containsExactly("a", "b", "a (2)", "a (3)");
    }

    @Test
    void aZeroGetsAMarkAndItsRedPixelsWhereTheBarWouldBe() {
        List<String> labels = List.of("#1 a", "#2 b", "#3 c");
        CategoryChart zero = contrast(labels, Arrays.asList(50.0, 0.0, 70.0));
        CategoryChart none = contrast(labels, Arrays.asList(50.0, 10.0, 70.0));
        assertThat(SlotMarks.of(zero)).containsExactly(new SlotMarks.Mark(1, 0, 0, SlotMarks.ZERO, true));
        assertThat(SlotMarks.of(none)).isEmpty();
        int[] red = redColumns(zero);
        assertThat(redColumns(none)[2]).as("no zero, no red").isZero();
        assertThat(red[2]).as("red pixels of the zero mark").isGreaterThan(30);
        // the mark lies in the middle third of the plot: the second of three categories
        assertThat(red[0]).isGreaterThan(zero.getWidth() / 3 - 60);
        assertThat(red[1]).isLessThan(zero.getWidth() * 2 / 3 + 60);
    }

    @Test
    void aNullIsNoZero() {
        CategoryChart c = contrast(List.of("a", "b"), Arrays.asList(null, 40.0));
        assertThat(SlotMarks.of(c)).isEmpty();
    }

    @Test
    void runChartsMarkOutOfMemoryCellsAndNameThemInTheLegend() {
        RunGrid grid = TestRuns.fullGrid();
        // HunyuanVideo at 2x: dense and RIFLEx ran out of memory, LVSA has scores
        CategoryChart dims = QualityCharts.dimensionBars(grid, HV, new Horizon(2));
        assertThat(dims.getSeriesMap().keySet()).contains("dense (OOM)", "RIFLEx (OOM)", "LVSA");
        assertThat(SlotMarks.of(dims)).extracting(SlotMarks.Mark::text).contains(SlotMarks.OOM);
        // HunyuanVideo at 1x: RIFLEx and UltraViCo ran but were not scored
        assertThat(SlotMarks.of(QualityCharts.dimensionBars(grid, HV, new Horizon(1))))
                .filteredOn(m -> m.text().equals(SlotMarks.NO_SCORE))
                .hasSize(12);
        CategoryChart speedup = RunCharts.speedupBars(grid, TestRuns.paper(grid), HV);
        List<Object> x = new ArrayList<>(
                speedup.getSeriesMap().values().iterator().next().getXData());
        assertThat(x).contains("2x (dense OOM)");
        assertThat(SlotMarks.of(speedup)).anyMatch(m -> m.text().equals(SlotMarks.OOM) && m.category() == 2);
        XYChart latency = RunCharts.latencyScaling(grid, TestRuns.paper(grid), HV);
        assertThat(SlotMarks.of(latency)).anyMatch(m -> m.text().equals(SlotMarks.OOM) && m.x() == 257);
        assertThat(RunCharts.latencyGaps(grid, HV))
                .contains("at 257 frames (2x) dense ran out of memory, RIFLEx ran out");
        assertThat(RunCharts.latencyGaps(grid, TestRuns.WAN)).contains("UltraViCo pending");
    }

    /** Count of ZERO-red pixels, and the leftmost and rightmost x holding one. */
    private static int[] redColumns(CategoryChart chart) {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        int count = 0;
        int min = Integer.MAX_VALUE;
        int max = -1;
        Color z = ChartStyle.ZERO;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.abs(r - z.getRed()) < 30
                        && Math.abs(g - z.getGreen()) < 30
                        && Math.abs(b - z.getBlue()) < 30) {
                    count++;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return new int[] {min, max, count};
    }
}
