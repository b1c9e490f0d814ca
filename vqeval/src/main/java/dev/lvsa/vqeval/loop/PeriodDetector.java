package dev.lvsa.vqeval.loop;

/**
 * Finds a cycle period from the lag profile: a loop of period p makes the profile dip at p, 2p, 3p...
 * Each candidate p is scored by its comb of valleys: how far each valley lies below the median of the
 * profile around it (relative depth) and how that compares to the profile's own jitter (significance).
 * The deepest valid comb wins, then the smallest divisor that explains it as well (so a loop of period
 * 20 is not reported as 40).
 */
public final class PeriodDetector {

  /** Outcome; lags in analysed frames. */
  public record Period(boolean detected, int lag, double strength, double significance, double valley) {
    static Period none(double strength, double significance) {
      return new Period(false, 0, strength, significance, Double.NaN);
    }
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
    Period[] byLag = new Period[maxLag + 1];
    Period best = null;
    double bestStrength = 0;
    double bestSignificance = 0;
    for (int p = minLag; p <= maxLag; p++) {
      Period c = comb(d, p, maxLag, jitter);
      byLag[p] = c;
      if (c.strength() > bestStrength) {
        bestStrength = c.strength();
        bestSignificance = c.significance();
      }
      if (valid(c, near) && (best == null || c.strength() > best.strength())) {
        best = c;
      }
    }
    if (best == null) {
      return Period.none(Math.max(0, bestStrength), Math.max(0, bestSignificance));
    }
    // prefer the fundamental: the smallest divisor of the best lag that is about as deep
    for (int k = 8; k >= 2; k--) {
      int q = (int) Math.round((double) best.lag() / k);
      if (q < minLag) {
        continue;
      }
      Period found = null;
      for (int cand = q - 1; cand <= q + 1; cand++) {
        if (cand >= minLag && cand <= maxLag && valid(byLag[cand], near)
            && byLag[cand].strength() >= 0.8 * best.strength()
            && (found == null || byLag[cand].strength() > found.strength())) {
          found = byLag[cand];
        }
      }
      if (found != null) {
        return found;
      }
    }
    return best;
  }

  private boolean valid(Period c, double near) {
    return c.strength() >= params.cycleMinStrength() && c.significance() >= params.cycleMinSignificance()
        && c.valley() <= params.cycleMaxValleyOverNear() * near + params.identicalLevel() / 10;
  }

  private Period comb(double[] d, int p, int maxLag, double jitter) {
    int w = Math.max(3, Math.round(p / 4f));
    double sumDepth = 0;
    double sumZ = 0;
    double sumValley = 0;
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
      if (ref <= 0) {
        continue;
      }
      sumDepth += (ref - valley) / ref;
      sumZ += (ref - valley) / jitter;
      sumValley += valley;
      m++;
    }
    if (m == 0) {
      return new Period(false, p, 0, 0, Double.NaN);
    }
    return new Period(true, p, sumDepth / m, sumZ / m, sumValley / m);
  }

  /**
   * Robust jitter of the profile from its second differences (a smooth trend has none), with a floor
   * tied to the profile's level so that a perfectly flat profile cannot make any wiggle significant.
   */
  static double jitter(double[] d, int maxLag) {
    int len = 0;
    double[] e = new double[Math.max(1, maxLag)];
    for (int l = 2; l < maxLag; l++) {
      e[len++] = Math.abs(d[l - 1] - 2 * d[l] + d[l + 1]);
    }
    double level = LagProfile.median(d, 1, maxLag + 1);
    double mad = len > 0 ? LagProfile.medianInPlace(e, len) : 0;
    double sigma = 1.4826 * mad / Math.sqrt(6);
    return Math.max(sigma, 0.005 * level + 1e-3);
  }
}
