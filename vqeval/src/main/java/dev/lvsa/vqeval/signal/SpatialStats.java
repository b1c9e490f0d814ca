package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.REDUCE_SUM;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.reduce;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.lvsa.vqeval.api.SpatialSample;
import dev.lvsa.vqeval.decode.MatData;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Spatial statistics of one full-resolution BGR frame: sharpness (variance of the Laplacian), exposure,
 * contrast, colourfulness, noise and blockiness.
 */
public final class SpatialStats {

    private final Brisque brisque;

    /** @param brisque BRISQUE scorer, or null to skip it */
    public SpatialStats(Brisque brisque) {
        this.brisque = brisque;
    }

    public SpatialSample measure(int frameIndex, Mat bgr) {
        try (Mat gray = new Mat();
                Mat lap = new Mat();
                Mat mean = new Mat();
                Mat std = new Mat()) {
            cvtColor(bgr, gray, COLOR_BGR2GRAY);
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double lapStd = std.createIndexer().getDouble(0);
            meanStdDev(gray, mean, std);
            double lumaMean = mean.createIndexer().getDouble(0);
            double lumaStd = std.createIndexer().getDouble(0);
            double pixels = (double) gray.total();
            long dark;
            long bright;
            try (Mat mask = new Mat()) {
                threshold(gray, mask, 5, 255, THRESH_BINARY_INV); // grey level <= 5
                dark = countNonZero(mask);
                threshold(gray, mask, 249, 255, THRESH_BINARY); // grey level >= 250
                bright = countNonZero(mask);
            }
            double brisqueScore = brisque == null ? Double.NaN : brisque.score(bgr);
            return new SpatialSample(
                    frameIndex,
                    lapStd * lapStd,
                    lumaMean,
                    lumaStd,
                    dark / pixels,
                    bright / pixels,
                    colourfulness(bgr),
                    noiseSigma(gray),
                    blockiness(gray),
                    brisqueScore);
        }
    }

    /**
     * Hasler and Suesstrunk (2003): sqrt(var rg + var yb) + 0.3 sqrt(mean rg^2 + mean yb^2) with rg = R - G and
     * yb = (R + G) / 2 - B, over every pixel, in OpenCV.
     */
    static double colourfulness(Mat bgr) {
        try (Mat f = new Mat();
                Mat opponent = new Mat();
                Mat weights = new Mat(2, 3, CV_32F);
                Mat mean = new Mat();
                Mat std = new Mat()) {
            // from (B, G, R): row 1 rg, row 2 yb
            MatData.putFloats(weights, new float[] {0f, -1f, 1f, -1f, 0.5f, 0.5f});
            bgr.convertTo(f, CV_32F);
            transform(f, opponent, weights);
            meanStdDev(opponent, mean, std);
            DoubleIndexer m = mean.createIndexer();
            DoubleIndexer sd = std.createIndexer();
            double mrg = m.get(0);
            double myb = m.get(1);
            double vrg = sd.get(0) * sd.get(0);
            double vyb = sd.get(1) * sd.get(1);
            return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
        }
    }

    /**
     * Immerkaer (1996) fast noise variance estimate: sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * N|
     * with N = [1 -2 1; -2 4 -2; 1 -2 1].
     */
    static double noiseSigma(Mat gray) {
        int w = gray.cols();
        int h = gray.rows();
        if (w < 3 || h < 3) {
            return Double.NaN;
        }
        try (Mat kernel = new Mat(3, 3, CV_32F);
                Mat f = new Mat();
                Mat conv = new Mat();
                Mat abs = new Mat();
                Mat zero = new Mat()) {
            MatData.putFloats(kernel, new float[] {1, -2, 1, -2, 4, -2, 1, -2, 1});
            gray.convertTo(f, CV_32F);
            filter2D(f, conv, CV_32F, kernel);
            Mat inner = conv.apply(new org.bytedeco.opencv.opencv_core.Rect(1, 1, w - 2, h - 2));
            zero.create(inner.rows(), inner.cols(), CV_32F);
            zero.put(new Scalar(0.0));
            absdiff(inner, zero, abs);
            Scalar m = mean(abs);
            double meanAbs = m.get(0);
            inner.close();
            return Math.sqrt(Math.PI / 2) * meanAbs / 6.0;
        }
    }

    /**
     * Mean absolute horizontal/vertical step across 8-pixel block borders divided by the mean step
     * elsewhere: about 1 for a clean image, above 1 when codec blocks show. The per-column and per-row
     * sums of absolute steps come from OpenCV; only their grouping by position mod 8 is done here.
     */
    static double blockiness(Mat gray) {
        int w = gray.cols();
        int h = gray.rows();
        if (w < 16 || h < 16) {
            return Double.NaN;
        }
        try (Mat left = gray.colRange(0, w - 1);
                Mat right = gray.colRange(1, w);
                Mat top = gray.rowRange(0, h - 1);
                Mat bottom = gray.rowRange(1, h);
                Mat dh = new Mat();
                Mat dv = new Mat();
                Mat colSums = new Mat();
                Mat rowSums = new Mat()) {
            absdiff(left, right, dh);
            absdiff(top, bottom, dv);
            reduce(dh, colSums, 0, REDUCE_SUM, CV_32S);
            reduce(dv, rowSums, 1, REDUCE_SUM, CV_32S);
            int[] cols = new int[w - 1];
            int[] rows = new int[h - 1];
            try (IntPointer cp = new IntPointer(colSums.data());
                    IntPointer rp = new IntPointer(rowSums.data())) {
                cp.get(cols);
                rp.get(rows);
            }
            double border = 0;
            double inner = 0;
            long nBorder = 0;
            long nInner = 0;
            for (int x = 0; x < cols.length; x++) {
                if ((x & 7) == 7) {
                    border += cols[x];
                    nBorder += h;
                } else {
                    inner += cols[x];
                    nInner += h;
                }
            }
            for (int y = 0; y < rows.length; y++) {
                if ((y & 7) == 7) {
                    border += rows[y];
                    nBorder += w;
                } else {
                    inner += rows[y];
                    nInner += w;
                }
            }
            double mb = border / Math.max(1, nBorder);
            double mi = inner / Math.max(1, nInner);
            return mi < 1e-6 ? 1.0 : mb / mi;
        }
    }
}
