package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.divide;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03) computed with OpenCV
 * operations on float grey frames, averaged over the whole frame, a centre region (the middle half in
 * each direction, where the subject usually is) and the border region around it. Per-frame terms (the
 * blurred frame and blurred square) are computed once per frame and reused for every pair.
 */
final class Ssim implements AutoCloseable {

    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final Size WINDOW = new Size(11, 11);
    private static final double SIGMA = 1.5;

    /** A frame's SSIM terms. */
    static final class Terms implements AutoCloseable {
        final Mat frame = new Mat();
        final Mat mu = new Mat();
        final Mat sq = new Mat();

        @Override
        public void close() {
            frame.close();
            mu.close();
            sq.close();
        }
    }

    private final Mat centreMask;
    private final Mat borderMask;
    private final Mat a2 = new Mat();
    private final Mat b2 = new Mat();
    private final Mat ab = new Mat();
    private final Mat cross = new Mat();
    private final Mat num = new Mat();
    private final Mat den = new Mat();
    private final Mat t1 = new Mat();
    private final Mat t2 = new Mat();
    private final Mat map = new Mat();

    Ssim(int width, int height) {
        centreMask = new Mat(height, width, CV_8U, new Scalar(0.0));
        borderMask = new Mat(height, width, CV_8U, new Scalar(255.0));
        try (Rect centre = new Rect(width / 4, height / 4, width - 2 * (width / 4), height - 2 * (height / 4));
                Mat c = centreMask.apply(centre);
                Mat b = borderMask.apply(centre)) {
            c.put(new Scalar(255.0));
            b.put(new Scalar(0.0));
        }
    }

    /** Fills {@code t} for a float grey frame (the frame is copied into the terms). */
    void terms(Mat grayF, Terms t) {
        grayF.copyTo(t.frame);
        GaussianBlur(t.frame, t.mu, WINDOW, SIGMA);
        multiply(t.frame, t.frame, t1);
        GaussianBlur(t1, t.sq, WINDOW, SIGMA);
    }

    /** {whole, centre, border} mean SSIM of two frames. */
    double[] compare(Terms x, Terms y) {
        multiply(x.frame, y.frame, t1);
        GaussianBlur(t1, cross, WINDOW, SIGMA);
        multiply(x.mu, y.mu, ab);
        multiply(x.mu, x.mu, a2);
        multiply(y.mu, y.mu, b2);
        // numerator: (2 mu_x mu_y + C1) (2 cov + C2), cov = blur(xy) - mu_x mu_y
        ab.convertTo(t1, CV_32F, 2, C1);
        subtract(cross, ab, t2);
        t2.convertTo(t2, CV_32F, 2, C2);
        multiply(t1, t2, num);
        // denominator: (mu_x^2 + mu_y^2 + C1) (var_x + var_y + C2), var = blur(x^2) - mu^2
        add(a2, b2, t1);
        t1.convertTo(t1, CV_32F, 1, C1);
        subtract(x.sq, a2, t2);
        add(t2, y.sq, t2);
        subtract(t2, b2, t2);
        t2.convertTo(t2, CV_32F, 1, C2);
        multiply(t1, t2, den);
        divide(num, den, map);
        return new double[] {
            mean(map).get(0),
            mean(map, centreMask).get(0),
            mean(map, borderMask).get(0)
        };
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {centreMask, borderMask, a2, b2, ab, cross, num, den, t1, t2, map}) {
            m.close();
        }
    }
}
