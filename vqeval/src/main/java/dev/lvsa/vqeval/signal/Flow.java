package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.scaleAdd;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import dev.lvsa.vqeval.decode.MatData;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Farneback optical flow between small grey frames: per-pair magnitude statistics and direction
 * histogram, and the flow-based interpolation of a middle frame from its two neighbours.
 */
final class Flow implements AutoCloseable {

    // 3 pyramid levels reach ~8x the window, which covers the per-frame motion of generated video; one
    // iteration per level (the polynomial expansion dominates the cost, and what we keep are averages
    // over thousands of pixels).
    private static final double PYR_SCALE = 0.5;
    private static final int LEVELS = 3;
    private static final int WINSIZE = 13;
    private static final int ITERATIONS = 1;
    private static final int POLY_N = 5;
    private static final double POLY_SIGMA = 1.1;
    private static final Scalar BLACK = new Scalar(0.0);

    private final int width;
    private final int height;
    private final int pixels;
    private final Mat flow = new Mat();
    private final Mat grid;
    private final Mat mapA = new Mat();
    private final Mat mapB = new Mat();
    private final Mat warpA = new Mat();
    private final Mat warpB = new Mat();
    private final Mat blend = new Mat();
    private final Mat error = new Mat();
    private final Mat noMap = new Mat();
    private final float[] values;
    private final float[] magnitudes;

    /** Statistics of one flow field, in the flow frames' pixels. */
    record Stats(double mean, double top5) {}

    Flow(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = width * height;
        this.values = new float[2 * pixels];
        this.magnitudes = new float[pixels];
        float[] xy = new float[2 * pixels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                xy[2 * (y * width + x)] = x;
                xy[2 * (y * width + x) + 1] = y;
            }
        }
        grid = new Mat(height, width, CV_32FC2);
        MatData.putFloats(grid, xy);
    }

    private void farneback(Mat a, Mat b) {
        calcOpticalFlowFarneback(a, b, flow, PYR_SCALE, LEVELS, WINSIZE, ITERATIONS, POLY_N, POLY_SIGMA, 0);
    }

    /** Flow from a to b (8-bit grey); adds magnitude-weighted directions into {@code histogram}. */
    Stats measure(Mat a, Mat b, double[] histogram) {
        farneback(a, b);
        MatData.floats(flow, values);
        double sum = 0;
        for (int j = 0; j < pixels; j++) {
            float fx = values[2 * j];
            float fy = values[2 * j + 1];
            float mag = (float) Math.sqrt(fx * fx + fy * fy);
            magnitudes[j] = mag;
            sum += mag;
            histogram[octant(fx, fy)] += mag;
        }
        return new Stats(sum / pixels, TopK.meanOfLargest(magnitudes, pixels, TopK.count(pixels, 0.05)));
    }

    /**
     * Predicts {@code mid} from {@code a} and {@code b} (its neighbours) by warping each half-way along the
     * flow a -> b; returns the mean absolute error in grey levels. Frames: a8/b8 8-bit for the flow, aF/bF/midF
     * float for the prediction.
     */
    double interpolationError(Mat a8, Mat b8, Mat aF, Mat bF, Mat midF) {
        farneback(a8, b8);
        // where each middle pixel came from in a (half a step back) and goes to in b (half a step on)
        scaleAdd(flow, -0.5, grid, mapA);
        scaleAdd(flow, 0.5, grid, mapB);
        remap(aF, warpA, mapA, noMap, INTER_LINEAR, BORDER_REPLICATE, BLACK);
        remap(bF, warpB, mapB, noMap, INTER_LINEAR, BORDER_REPLICATE, BLACK);
        add(warpA, warpB, blend);
        blend.convertTo(blend, blend.type(), 0.5, 0);
        absdiff(blend, midF, error);
        return mean(error).get(0);
    }

    /** Direction bin 0..7 (45 degrees each, counter-clockwise from +x) without atan2. */
    static int octant(float fx, float fy) {
        float ax = Math.abs(fx);
        float ay = Math.abs(fy);
        boolean steep = ay > ax;
        if (fx >= 0 && fy >= 0) {
            return steep ? 1 : 0;
        }
        if (fx < 0 && fy >= 0) {
            return steep ? 2 : 3;
        }
        if (fx < 0) {
            return steep ? 5 : 4;
        }
        return steep ? 6 : 7;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {flow, grid, mapA, mapB, warpA, warpB, blend, error, noMap}) {
            m.close();
        }
    }
}
