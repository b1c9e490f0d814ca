package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/** A low percentile of the distances along each diagonal of the self-similarity matrix, and medians. */
public final class LagProfile {

  private LagProfile() {
  }

  /**
   * {@code d[L]} = the {@code q}-quantile over i of distance(i, i+L). A low quantile keeps the valley of a
   * loop that covers only part of the video (e.g. one that starts late), where the mean would dilute it.
   */
  public static double[] quantile(DistanceMatrix m, double q) {
    int n = m.size();
    double[] d = new double[Math.max(1, n)];
    double[] buf = new double[Math.max(1, n)];
    for (int lag = 1; lag < n; lag++) {
      int len = 0;
      for (int i = 0; i + lag < n; i++) {
        buf[len++] = m.distance(i, i + lag);
      }
      Arrays.sort(buf, 0, len);
      double pos = q * (len - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(len - 1, lo + 1);
      d[lag] = buf[lo] + (buf[hi] - buf[lo]) * (pos - lo);
    }
    return d;
  }

  static double median(double[] values, int from, int to) {
    double[] c = Arrays.copyOfRange(values, from, to);
    return medianInPlace(c, c.length);
  }

  static double medianInPlace(double[] c, int len) {
    if (len == 0) {
      return Double.NaN;
    }
    Arrays.sort(c, 0, len);
    return len % 2 == 1 ? c[len / 2] : 0.5 * (c[len / 2 - 1] + c[len / 2]);
  }
}
