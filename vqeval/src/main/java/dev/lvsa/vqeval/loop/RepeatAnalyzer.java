package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Near-identity questions on the distance matrix: freeze runs, stutter (duplicated consecutive frames),
 * near-duplicate pairs far apart, the novelty profile and the first frame that repeats old content.
 * Indices are analysed frames; callers convert to original frames.
 */
public final class RepeatAnalyzer {

  /** Outcome in analysed frames. */
  public record Repeats(List<int[]> freezeRuns, double freezeRatio, double consecutiveDuplicateRatio,
      double stutterRatio, double duplicatePairRatio, Integer firstRepeat, double[] novelty, double noveltyMean) {
  }

  private final LoopParameters params;

  public RepeatAnalyzer(LoopParameters params) {
    this.params = params;
  }

  /**
   * @param minRun shortest freeze run, analysed frames
   * @param minLag smallest lag for duplicate pairs and novelty, analysed frames
   */
  public Repeats analyse(DistanceMatrix m, int minRun, int minLag) {
    int n = m.size();
    double level = params.identicalLevel();

    // freeze runs: frames that stay near-identical to the run's first frame
    List<int[]> runs = new ArrayList<>();
    boolean[] frozen = new boolean[n];
    int s = 0;
    while (s < n - 1) {
      int e = s;
      while (e + 1 < n && m.identical(s, e + 1, level) && m.identical(e, e + 1, level)) {
        e++;
      }
      if (e - s + 1 >= minRun && !drifts(m, s, e)) {
        runs.add(new int[] {s, e});
        for (int k = s; k <= e; k++) {
          frozen[k] = true;
        }
        s = e + 1;
      } else {
        s++;
      }
    }
    int frozenCount = 0;
    for (boolean f : frozen) {
      frozenCount += f ? 1 : 0;
    }

    // stutter: consecutive pairs far below the video's usual consecutive change
    double[] change = new double[Math.max(0, n - 1)];
    for (int i = 1; i < n; i++) {
      change[i - 1] = m.localChange(i - 1, i);
    }
    double typical = LagProfile.median(change, 0, change.length);
    int duplicates = 0;
    int stutter = 0;
    for (int i = 1; i < n; i++) {
      double c = change[i - 1];
      boolean dup = c <= level && c <= params.stutterRelative() * typical + 1e-6;
      if (dup || (frozen[i - 1] && frozen[i])) {
        duplicates++;
        if (!(frozen[i - 1] && frozen[i])) {
          stutter++;
        }
      }
    }

    // near-duplicate pairs at least minLag apart, and novelty (rows in parallel, merged in order)
    double[] novelty = new double[n];
    Arrays.fill(novelty, Double.NaN);
    boolean[] repeats = new boolean[n];
    long[] dupPerRow = new long[n];
    java.util.stream.IntStream.range(minLag, Math.max(minLag, n)).parallel().forEach(j -> {
      double bestDist = Double.MAX_VALUE;
      long dup = 0;
      boolean[] same = m.identicalToEarlier(j, j - minLag + 1, level);
      for (int i = 0; i + minLag <= j; i++) {
        if (same[i]) {
          dup++;
        }
        bestDist = Math.min(bestDist, m.distance(i, j));
      }
      novelty[j] = bestDist;
      dupPerRow[j] = dup;
      repeats[j] = dup > 0;
    });
    long pairs = 0;
    long dupPairs = 0;
    double noveltySum = 0;
    int noveltyCount = 0;
    for (int j = minLag; j < n; j++) {
      pairs += j - minLag + 1;
      dupPairs += dupPerRow[j];
      noveltySum += novelty[j];
      noveltyCount++;
    }
    Integer firstRepeat = null;
    for (int j = minLag; j < n; j++) {
      if (repeats[j] && (j + 1 >= n || repeats[j + 1]) && (j + 2 >= n || repeats[j + 2])) {
        firstRepeat = j;
        break;
      }
    }
    return new Repeats(runs, n == 0 ? 0 : (double) frozenCount / n, n > 1 ? (double) duplicates / (n - 1) : 0,
        n > 1 ? (double) stutter / (n - 1) : 0, pairs == 0 ? 0 : (double) dupPairs / pairs, firstRepeat, novelty,
        noveltyCount == 0 ? Double.NaN : noveltySum / noveltyCount);
  }

  /**
   * A run of near-identical frames is a freeze only if it does not drift: its last frame must be about as
   * close to its first as single steps inside the run are. Slow motion accumulates change along the run;
   * a frozen picture does not, even with noise, codec jitter or a keyframe that re-encodes the still (one
   * larger step, not a growing one).
   */
  private boolean drifts(DistanceMatrix m, int s, int e) {
    double[] steps = new double[e - s];
    double largest = 0;
    for (int k = s; k < e; k++) {
      steps[k - s] = m.localChange(k, k + 1);
      largest = Math.max(largest, steps[k - s]);
    }
    double typical = LagProfile.medianInPlace(steps, steps.length);
    // a keyframe re-encoding a still is one larger step; allow it, but never more than 60% of the
    // identity level, which slow motion reaches by accumulation
    double refresh = Math.min(0.6 * params.identicalLevel(), 1.5 * largest);
    double allowed = Math.max(params.freezeDriftFactor() * typical,
        Math.max(refresh, params.identicalLevel() / 8));
    return m.localChange(s, e) > allowed;
  }

  static List<FrameRange> toOriginal(List<int[]> runs, int stride) {
    List<FrameRange> out = new ArrayList<>();
    for (int[] r : runs) {
      out.add(new FrameRange(r[0] * stride, r[1] * stride));
    }
    return out;
  }
}
