package dev.lvsa.vqeval.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Small pure helpers of the per-frame stage. */
class FrameAnalyzerTest {

    @Test
    void octantsGoCounterClockwiseFromPlusX() {
        assertThat(Flow.octant(1, 0.1f)).isEqualTo(0);
        assertThat(Flow.octant(0.1f, 1)).isEqualTo(1);
        assertThat(Flow.octant(-0.1f, 1)).isEqualTo(2);
        assertThat(Flow.octant(-1, 0.1f)).isEqualTo(3);
        assertThat(Flow.octant(-1, -0.1f)).isEqualTo(4);
        assertThat(Flow.octant(-0.1f, -1)).isEqualTo(5);
        assertThat(Flow.octant(0.1f, -1)).isEqualTo(6);
        assertThat(Flow.octant(1, -0.1f)).isEqualTo(7);
    }

    @Test
    void descriptorGridKeepsTheAspect() {
        assertThat(FrameAnalyzer.descriptorGrid(160, 92)).containsExactly(32, 18);
        assertThat(FrameAnalyzer.descriptorGrid(92, 160)).containsExactly(18, 32);
        assertThat(FrameAnalyzer.descriptorGrid(20, 16)).containsExactly(20, 16);
        assertThat(FrameAnalyzer.descriptorGrid(160, 16)).containsExactly(32, 4);
    }

    @Test
    void blockinessIsOneWithoutBlocksAndHigherWithThem() {
        int w = 64;
        int h = 64;
        byte[] smooth = new byte[w * h];
        byte[] blocky = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                smooth[y * w + x] = (byte) (x * 2 + y);
                blocky[y * w + x] = (byte) (((x / 8) * 37 + (y / 8) * 53) % 200 + (x % 8) / 2);
            }
        }
        try (var a = new org.bytedeco.opencv.opencv_core.Mat(h, w, org.bytedeco.opencv.global.opencv_core.CV_8U);
                var b = new org.bytedeco.opencv.opencv_core.Mat(h, w, org.bytedeco.opencv.global.opencv_core.CV_8U)) {
            a.data().put(smooth);
            b.data().put(blocky);
            assertThat(SpatialStats.blockiness(a)).isBetween(0.9, 1.1);
            assertThat(SpatialStats.blockiness(b)).isGreaterThan(3.0);
        }
    }

    @Test
    void colourfulnessIsZeroForGreyAndLargeForSaturatedRed() {
        byte[] grey = new byte[300];
        java.util.Arrays.fill(grey, (byte) 120);
        byte[] red = new byte[300];
        for (int i = 0; i < 100; i++) {
            red[3 * i + 2] = (byte) (i % 2 == 0 ? 250 : 10);
        }
        try (Mat g = bgr(grey, 10, 10);
                Mat r = bgr(red, 10, 10)) {
            assertThat(SpatialStats.colourfulness(g)).isZero();
            assertThat(SpatialStats.colourfulness(r)).isGreaterThan(50);
        }
    }

    @Test
    void colourfulnessMatchesTheFormulaOnTwoColours() {
        // half pure red (rg 255, yb 127.5), half pure blue (rg 0, yb -255): each opponent channel takes two
        // values in equal shares, so its variance is (difference / 2)^2
        byte[] px = new byte[3 * 4];
        px[2] = (byte) 255;
        px[5] = (byte) 255;
        px[6] = (byte) 255;
        px[9] = (byte) 255;
        double mrg = 127.5;
        double myb = (127.5 - 255) / 2;
        double expected = Math.sqrt(127.5 * 127.5 + 191.25 * 191.25) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
        try (Mat m = bgr(px, 2, 2)) {
            assertThat(SpatialStats.colourfulness(m)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    private static Mat bgr(byte[] pixels, int width, int height) {
        Mat m = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
        m.data().put(pixels);
        return m;
    }
}
