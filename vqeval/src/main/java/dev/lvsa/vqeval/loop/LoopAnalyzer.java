package dev.lvsa.vqeval.loop;

import dev.lvsa.vqeval.api.FrameSeries;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.SelfSimilarity;
import java.util.ArrayList;
import java.util.List;

/** Runs the whole repetition analysis on a frame series. */
public final class LoopAnalyzer {

  private final LoopParameters params;

  public LoopAnalyzer(LoopParameters params) {
    this.params = params;
  }

  public LoopAnalyzer() {
    this(LoopParameters.defaults());
  }

  public LoopFindings analyse(FrameSeries series) {
    try (DistanceMatrix m = DistanceMatrix.of(series.descriptors(), series.descriptorWidth(),
        series.descriptorHeight())) {
      return analyse(series, m);
    }
  }

  private LoopFindings analyse(FrameSeries series, DistanceMatrix m) {
    int stride = series.stride();
    int n = m.size();

    double near = nearDistance(m);
    double far = farDistance(m);
    int minLag = Math.max(2, ceilDiv(params.minPeriodFrames(), stride));
    double[] profile = LagProfile.quantile(m, params.profileQuantile());
    PeriodDetector.Period period = new PeriodDetector(params).detect(profile, minLag, near);

    double fps = series.info().fps();
    int minRunFrames = Math.max(params.freezeMinFrames(),
        fps > 0 ? (int) Math.round(params.freezeMinSeconds() * fps) : 0);
    int minRun = Math.max(2, ceilDiv(minRunFrames, stride));
    int dupLag = Math.max(1, ceilDiv(params.duplicateMinLagFrames(), stride));
    RepeatAnalyzer.Repeats rep = new RepeatAnalyzer(params).analyse(m, minRun, dupLag);

    PingPongDetector.PingPong pp = new PingPongDetector(params).detect(m, 0.25 + 0.1 * near);
    boolean ppDetected = pp.strength() >= params.pingPongMinStrength() && !pp.turns().isEmpty();
    List<Integer> turns = new ArrayList<>();
    for (int t : pp.turns()) {
      turns.add(t * stride);
    }

    Integer periodFrames = period.detected() ? period.lag() * stride : null;
    SelfSimilarity ssm = new SelfSimilarity(n, m.raw(), stride, profile, periodFrames);
    Integer onset = rep.freezeRuns().isEmpty() ? null : rep.freezeRuns().get(0)[0] * stride;
    return new LoopFindings(period.detected(), periodFrames, period.strength(), period.significance(),
        period.detected() ? (double) n / period.lag() : 0, ppDetected, pp.strength(), turns,
        rep.duplicatePairRatio(), dupLag * stride, rep.freezeRatio(), minRun * stride, onset,
        RepeatAnalyzer.toOriginal(rep.freezeRuns(), stride), rep.consecutiveDuplicateRatio(), rep.stutterRatio(),
        rep.firstRepeat() == null ? null : rep.firstRepeat() * stride, rep.novelty(), rep.noveltyMean(), near, far,
        ssm);
  }

  private static double nearDistance(DistanceMatrix m) {
    int n = m.size();
    if (n < 2) {
      return 0;
    }
    double[] d = new double[n - 1];
    for (int i = 1; i < n; i++) {
      d[i - 1] = m.distance(i - 1, i);
    }
    return LagProfile.medianInPlace(d, d.length);
  }

  private static double farDistance(DistanceMatrix m) {
    int n = m.size();
    int lag = Math.max(1, n / 3);
    long count = 0;
    for (int i = 0; i + lag < n; i++) {
      count += n - i - lag;
    }
    if (count == 0) {
      return 0;
    }
    int step = (int) Math.max(1, count / 400_000);
    double[] a = new double[(int) (count / step) + 1];
    int len = 0;
    long k = 0;
    for (int i = 0; i + lag < n; i++) {
      for (int j = i + lag; j < n; j++) {
        if (k++ % step == 0 && len < a.length) {
          a[len++] = m.distance(i, j);
        }
      }
    }
    return LagProfile.medianInPlace(a, len);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
