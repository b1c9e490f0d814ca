package dev.lvsa.vqeval.loop;

import java.util.Arrays;

/**
 * Finds a cycle period from a lag profile: a loop of period p makes the profile dip at p, 2p, 3p...
 * Each candidate p is scored by its comb of valleys: how far each valley lies below the median of the
 * profile around it (relative depth) and how that compares with the profile's own jitter (significance);
 * the comb's score is the median over its valleys, so one multiple past the end of a late loop does not
 * sink it. The deepest valid comb wins; then the smallest divisor whose own first valley is about as
 * deep is preferred, so a loop of period 20 is not reported as 40, while a half-period harmonic (a
 * shallow dip at p/2) is not mistaken for the period.
 */
public final class PeriodDetector {

  /** Smallest hill (grey levels) against which a valley's depth is measured. */
  static final double MIN_HILL = 1.0;
  /** A divisor replaces the best period when its first valley is at least this share as deep. */
  static final double DIVISOR_SHARE = 0.7;

  /** Outcome; lags in analysed frames. */
  public record Period(boolean detected, int lag, double strength, double significance, double valley) {
    static Period none(double strength, double significance) {
      return new Period(false, 0, strength, significance, Double.NaN);
    }
  }

  /** A candidate's comb: medians over its valleys, and its first valley alone. */
  private record Comb(int lag, double depth, double z, double valley, double firstDepth, double firstZ,
      double firstValley) {
  }

  private final LoopParameters params;

  public PeriodDetector(LoopParameters params) {
    this.params = params;
  }

  /**
   * @param d lag profile ({@code d[L]}, L = 0..n-1)
   * @param minLag shortest period, analysed frames
   * @param near typical distance between consecutive frames
   */
  public Period detect(double[] d, int minLag, double near) {
    int n = d.length;
    int maxLag = n - Math.max(minLag, (int) Math.ceil(params.minOverlapFraction() * n));
    if (maxLag < minLag + 1 || n < 2 * minLag) {
      return Period.none(0, 0);
    }
    double jitter = jitter(d, maxLag);
    Comb[] byLag = new Comb[maxLag + 1];
    Comb best = null;
    double bestDepth = 0;
    double bestZ = 0;
    for (int p = minLag; p <= maxLag; p++) {
      Comb c = comb(d, p, maxLag, jitter);
      byLag[p] = c;
      if (c == null) {
        continue;
      }
      if (c.depth() > bestDepth) {
        bestDepth = c.depth();
        bestZ = c.z();
      }
      if (valid(c.depth(), c.z(), c.valley(), near) && (best == null || c.depth() > best.depth())) {
        best = c;
      }
    }
    if (best == null) {
      return Period.none(Math.max(0, bestDepth), Math.max(0, bestZ));
    }
    // prefer the fundamental: the smallest divisor of the best lag whose own first valley is as deep
    for (int k = Math.max(2, best.lag() / minLag + 1); k >= 2; k--) {
      int q = (int) Math.round((double) best.lag() / k);
      if (q < minLag) {
        continue;
      }
      Comb found = null;
      for (int cand = q - 1; cand <= q + 1; cand++) {
        Comb c = cand >= minLag && cand <= maxLag ? byLag[cand] : null;
        if (c != null && valid(c.firstDepth(), c.firstZ(), c.firstValley(), near)
            && c.firstDepth() >= DIVISOR_SHARE * best.depth()
            && (found == null || c.firstDepth() > found.firstDepth())) {
          found = c;
        }
      }
      if (found != null) {
        return new Period(true, found.lag(), Math.max(found.depth(), found.firstDepth()),
            Math.max(found.z(), found.firstZ()), found.firstValley());
      }
    }
    return new Period(true, best.lag(), best.depth(), best.z(), best.valley());
  }

  private boolean valid(double depth, double z, double valley, double near) {
    return depth >= params.cycleMinStrength() && z >= params.cycleMinSignificance()
        && valley <= params.cycleMaxValleyOverNear() * near + params.identicalLevel() / 10;
  }

  private Comb comb(double[] d, int p, int maxLag, double jitter) {
    // the first valley must be a local minimum: the end of a rising stretch before a step is not a valley
    for (int l = Math.max(1, p - 2); l <= Math.min(maxLag, p + 2); l++) {
      if (d[l] < d[p]) {
        return null;
      }
    }
    int w = Math.max(3, Math.round(p / 4f));
    int count = maxLag / p;
    double[] depths = new double[count];
    double[] zs = new double[count];
    double[] valleys = new double[count];
    int m = 0;
    double[] scratch = new double[2 * w + 1];
    for (int lag = p; lag <= maxLag; lag += p) {
      double valley = d[lag];
      if (lag > p) {
        // later valleys may wander a frame with a non-integer period
        valley = Math.min(valley, Math.min(d[lag - 1], lag + 1 <= maxLag ? d[lag + 1] : Double.MAX_VALUE));
      }
      int len = 0;
      for (int l = Math.max(1, lag - w); l <= Math.min(maxLag, lag + w); l++) {
        if (Math.abs(l - lag) > 1) {
          scratch[len++] = d[l];
        }
      }
      if (len < 2) {
        continue;
      }
      double ref = LagProfile.medianInPlace(scratch, len);
      // below a grey level there is no hill to speak of (a frozen or static stretch): depth is measured
      // against at least that, so noise in near-zero distances cannot make a valley
      double base = Math.max(ref, MIN_HILL);
      depths[m] = (ref - valley) / base;
      zs[m] = (ref - valley) / jitter;
      valleys[m] = valley;
      m++;
    }
    if (m == 0) {
      return null;
    }
    return new Comb(p, median(depths, m), median(zs, m), median(valleys, m), depths[0], zs[0], valleys[0]);
  }

  private static double median(double[] a, int len) {
    return LagProfile.medianInPlace(Arrays.copyOf(a, len), len);
  }

  /**
   * Robust jitter of the profile from its second differences (a smooth trend has none), with a floor
   * tied to the profile's level so that a perfectly flat profile cannot make any wiggle significant.
   * Second differences are taken both between neighbouring lags and between lags two apart, and the
   * smaller estimate is used: ping-pong motion makes odd and even lags alternate, a regular pattern that
   * is not noise.
   */
  static double jitter(double[] d, int maxLag) {
    double sigma = Math.min(secondDifferenceSigma(d, maxLag, 1), secondDifferenceSigma(d, maxLag, 2));
    double level = LagProfile.median(d, 1, maxLag + 1);
    return Math.max(sigma, 0.005 * level + 1e-3);
  }

  private static double secondDifferenceSigma(double[] d, int maxLag, int h) {
    int len = 0;
    double[] e = new double[Math.max(1, maxLag)];
    for (int l = 1 + h; l + h <= maxLag; l++) {
      e[len++] = Math.abs(d[l - h] - 2 * d[l] + d[l + h]);
    }
    if (len == 0) {
      return 0;
    }
    return 1.4826 * LagProfile.medianInPlace(e, len) / Math.sqrt(6);
  }
}
