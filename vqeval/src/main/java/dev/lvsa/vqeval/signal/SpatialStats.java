package dev.lvsa.vqeval.signal;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;

import dev.lvsa.vqeval.api.SpatialSample;
import dev.lvsa.vqeval.decode.MatData;
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
    try (Mat gray = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
      Laplacian(gray, lap, CV_64F);
      meanStdDev(lap, mean, std);
      double lapStd = std.createIndexer().getDouble(0);
      meanStdDev(gray, mean, std);
      double lumaMean = mean.createIndexer().getDouble(0);
      double lumaStd = std.createIndexer().getDouble(0);
      int w = gray.cols();
      int h = gray.rows();
      byte[] g = MatData.bytes(gray, new byte[w * h]);
      byte[] c = MatData.bytes(bgr.isContinuous() ? bgr : bgr.clone(), new byte[w * h * 3]);
      long dark = 0;
      long bright = 0;
      for (byte b : g) {
        int v = b & 0xff;
        if (v <= 5) {
          dark++;
        } else if (v >= 250) {
          bright++;
        }
      }
      double brisqueScore = brisque == null ? Double.NaN : brisque.score(bgr);
      return new SpatialSample(frameIndex, lapStd * lapStd, lumaMean, lumaStd, (double) dark / g.length,
          (double) bright / g.length, colourfulness(c), noiseSigma(gray), blockiness(g, w, h), brisqueScore);
    }
  }

  /** Hasler and Suesstrunk (2003): sqrt(var rg + var yb) + 0.3 sqrt(mean rg^2 + mean yb^2). */
  static double colourfulness(byte[] bgr) {
    int n = bgr.length / 3;
    double srg = 0;
    double syb = 0;
    double srg2 = 0;
    double syb2 = 0;
    for (int i = 0; i < n; i++) {
      int b = bgr[3 * i] & 0xff;
      int g = bgr[3 * i + 1] & 0xff;
      int r = bgr[3 * i + 2] & 0xff;
      double rg = r - g;
      double yb = 0.5 * (r + g) - b;
      srg += rg;
      syb += yb;
      srg2 += rg * rg;
      syb2 += yb * yb;
    }
    double mrg = srg / n;
    double myb = syb / n;
    double vrg = Math.max(0, srg2 / n - mrg * mrg);
    double vyb = Math.max(0, syb2 / n - myb * myb);
    return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
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
    try (Mat kernel = new Mat(3, 3, CV_32F); Mat f = new Mat(); Mat conv = new Mat(); Mat abs = new Mat();
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
   * elsewhere: about 1 for a clean image, above 1 when codec blocks show.
   */
  static double blockiness(byte[] g, int w, int h) {
    if (w < 16 || h < 16) {
      return Double.NaN;
    }
    double border = 0;
    long nBorder = 0;
    double inner = 0;
    long nInner = 0;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x + 1 < w; x++) {
        int d = Math.abs((g[row + x] & 0xff) - (g[row + x + 1] & 0xff));
        if ((x & 7) == 7) {
          border += d;
          nBorder++;
        } else {
          inner += d;
          nInner++;
        }
      }
    }
    for (int y = 0; y + 1 < h; y++) {
      boolean atBorder = (y & 7) == 7;
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int d = Math.abs((g[row + x] & 0xff) - (g[row + w + x] & 0xff));
        if (atBorder) {
          border += d;
          nBorder++;
        } else {
          inner += d;
          nInner++;
        }
      }
    }
    double mb = border / Math.max(1, nBorder);
    double mi = inner / Math.max(1, nInner);
    return mi < 1e-6 ? 1.0 : mb / mi;
  }
}
