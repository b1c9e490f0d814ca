package dev.lvsa.vqeval.dimension;

import java.util.Arrays;

/** NaN-skipping statistics over per-frame arrays. */
final class Stats {

  private Stats() {
  }

  static double mean(double[] a) {
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  static double mean(double[] a, int from, int to) {
    return mean(Arrays.copyOfRange(a, Math.max(0, from), Math.min(a.length, to)));
  }

  static double std(double[] a) {
    double m = mean(a);
    double s = 0;
    int n = 0;
    for (double v : a) {
      if (!Double.isNaN(v)) {
        s += (v - m) * (v - m);
        n++;
      }
    }
    return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
  }

  static double min(double[] a) {
    double m = Double.NaN;
    for (double v : a) {
      if (!Double.isNaN(v) && (Double.isNaN(m) || v < m)) {
        m = v;
      }
    }
    return m;
  }

  static double quantile(double[] a, double q) {
    double[] c = Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (c.length == 0) {
      return Double.NaN;
    }
    double pos = q * (c.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return c[lo] + (c[hi] - c[lo]) * (pos - lo);
  }

  static double median(double[] a) {
    return quantile(a, 0.5);
  }
}
