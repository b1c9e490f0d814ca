package dev.lvsa.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.SelfSimilarity;
import java.awt.image.BufferedImage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The heatmap draws the matrix (bright = similar) and marks the detected period with red dashes along the
 * diagonals at every multiple of it, where a looping video has its bright stripes.
 */
class SelfSimilarityHeatmapTest {

    /** A looping video's matrix: distance grows with the phase difference, 0 at multiples of the period. */
    static SelfSimilarity looping(int n, int periodAnalysed, int stride, Integer reportedPeriod) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double phase = 2 * Math.PI * (i - j) / periodAnalysed;
                d[i * n + j] = (float) (20 * (1 - Math.cos(phase)) / 2);
            }
        }
        return new SelfSimilarity(n, d, stride, new double[n], reportedPeriod);
    }

    /** Share of the pixels along the diagonal at column = row + lag (analysed frames) drawn in the mark colour. */
    static double markedShare(BufferedImage img, int n, double lag) {
        int marked = 0;
        int total = 0;
        int offset = (int) Math.round(lag * SelfSimilarityHeatmap.PLOT / (double) n);
        for (int t = 2; t < SelfSimilarityHeatmap.PLOT - offset - 2; t++) {
            int x = SelfSimilarityHeatmap.LEFT + offset + t;
            int y = SelfSimilarityHeatmap.TOP + t;
            total++;
            marked += (img.getRGB(x, y) & 0xFFFFFF) == (SelfSimilarityHeatmap.MARK.getRGB() & 0xFFFFFF) ? 1 : 0;
        }
        return total == 0 ? 0 : marked / (double) total;
    }

    @Test
    void thePeriodIsMarkedOnTheStripesAndNowhereElse() {
        SelfSimilarity ss = looping(120, 30, 1, 30);
        BufferedImage img = SelfSimilarityHeatmap.render(ss, "loop.mp4", "");
        // dashes (7 on, 5 off) cover well over a third of each marked diagonal
        assertThat(markedShare(img, 120, 30)).isGreaterThan(0.4);
        assertThat(markedShare(img, 120, 60)).isGreaterThan(0.4);
        assertThat(markedShare(img, 120, 90)).isGreaterThan(0.4);
        // half a period off: the dark valleys between the stripes carry no mark
        assertThat(markedShare(img, 120, 15)).isZero();
        assertThat(markedShare(img, 120, 45)).isZero();
        // the stripe itself is bright where it is not marked: the data is drawn, not only the marks
        int[] p = SelfSimilarityHeatmap.pixelOf(120, 0, 0);
        int centre = img.getRGB(p[0], p[1]);
        assertThat((centre >> 8) & 0xFF)
                .as("green of a bright viridis colour on the main diagonal")
                .isGreaterThan(200);
    }

    @Test
    void bothAxesHaveATitle() {
        BufferedImage img = SelfSimilarityHeatmap.render(looping(120, 30, 1, null), "loop.mp4", "");
        int mid = SelfSimilarityHeatmap.TOP + SelfSimilarityHeatmap.PLOT / 2;
        // the y title stands upright in the strip left of the tick labels, beside the middle of the matrix
        assertThat(darkPixels(img, 0, 18, mid - 20, mid + 20))
                .as("y axis title")
                .isGreaterThan(15);
        // the x title lies under the tick labels, below the middle of the matrix
        int cx = SelfSimilarityHeatmap.LEFT + SelfSimilarityHeatmap.PLOT / 2;
        int below = SelfSimilarityHeatmap.TOP + SelfSimilarityHeatmap.PLOT + 24;
        assertThat(darkPixels(img, cx - 20, cx + 20, below, below + 16))
                .as("x axis title")
                .isGreaterThan(15);
    }

    private static int darkPixels(BufferedImage img, int x0, int x1, int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                n += ((rgb >> 16) & 0xFF) < 160 && ((rgb >> 8) & 0xFF) < 160 && (rgb & 0xFF) < 160 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void withoutADetectedPeriodNothingIsMarked() {
        SelfSimilarity ss = looping(120, 30, 1, null);
        BufferedImage img = SelfSimilarityHeatmap.render(ss, "loop.mp4", "");
        assertThat(ImageStats.count(img, SelfSimilarityHeatmap.MARK.getRGB())).isZero();
        assertThat(ImageStats.of(img).distinctColours())
                .as("a real picture, not a blank")
                .isGreaterThan(50);
    }

    @Test
    void aPeriodInOriginalFramesIsDrawnInAnalysedFrames() {
        // every 2nd frame analysed: a period of 40 video frames is 20 analysed frames
        SelfSimilarity ss = looping(100, 20, 2, 40);
        BufferedImage img = SelfSimilarityHeatmap.render(ss, "strided.mp4", "");
        assertThat(markedShare(img, 100, 20)).isGreaterThan(0.4);
        assertThat(markedShare(img, 100, 40)).isGreaterThan(0.4);
        assertThat(markedShare(img, 100, 10)).isZero();
    }

    @Property(tries = 12)
    void everyMultipleOfAnyPeriodIsMarked(@ForAll @IntRange(min = 8, max = 40) int period) {
        int n = 96;
        BufferedImage img = SelfSimilarityHeatmap.render(looping(n, period, 1, period), "p", "");
        for (int k = period; k < n - 8; k += period) {
            assertThat(markedShare(img, n, k)).as("lag " + k).isGreaterThan(0.3);
        }
    }

    @Test
    void aNearlyStaticVideoReadsAsUniformlySimilar() {
        int n = 60;
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = i == j ? 0 : 1.0f + ((i * 7 + j * 3) % 5) * 0.1f;
            }
        }
        SelfSimilarity ss = new SelfSimilarity(n, d, 1, new double[n], null);
        assertThat(SelfSimilarityHeatmap.distanceScale(ss)).isEqualTo(SelfSimilarityHeatmap.MIN_SCALE);
        BufferedImage img = SelfSimilarityHeatmap.render(ss, "static", "");
        int[] p = SelfSimilarityHeatmap.pixelOf(n, 10, 40);
        assertThat((img.getRGB(p[0], p[1]) >> 8) & 0xFF)
                .as("bright: distances of ~1 grey level are 'similar'")
                .isGreaterThan(170);
    }
}
