package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.NormRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * loop_quality: 100 when the video never repeats itself; low for cycles (diagonal stripes in the
 * self-similarity matrix), ping-pong, near-duplicate frames far apart (a video that stays put) and
 * freezes. The penalties multiply.
 */
public final class LoopQualityDimension extends BuiltInDimension {

  public static final String NAME = "loop_quality";

  private static final Map<String, NormRange> RANGES = Map.of(
      "cycle_strength", new NormRange(0.10, 0.40),
      "pingpong_strength", new NormRange(0.50, 0.85),
      "duplicate_pair_ratio", new NormRange(0.02, 0.30),
      "freeze_ratio", new NormRange(0.03, 0.40));

  public LoopQualityDimension() {
    super(NAME, 0.35, RANGES);
  }

  @Override
  public DimensionResult evaluate(AnalysisContext context) {
    LoopFindings f = context.loop();
    Scorer s = new Scorer(this, context);
    s.penaliseIf(f.cycleDetected(), "cycle_strength", f.cycleStrength());
    s.penaliseIf(f.pingPongDetected(), "pingpong_strength", f.pingPongStrength());
    s.penalise("duplicate_pair_ratio", f.duplicatePairRatio());
    s.penalise("freeze_ratio", f.freezeRatio());

    double fps = context.series().info().fps();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("cycle_detected", f.cycleDetected());
    fields.put("cycle_period_frames", f.cyclePeriodFrames());
    fields.put("cycle_period_s", f.cyclePeriodFrames() != null && fps > 0 ? f.cyclePeriodFrames() / fps : null);
    fields.put("cycle_strength", f.cycleStrength());
    fields.put("pingpong_detected", f.pingPongDetected());
    fields.put("first_repeat_frame", f.firstRepeatFrame());
    fields.put("duplicate_pair_ratio", f.duplicatePairRatio());
    fields.put("freeze_ratio", f.freezeRatio());
    fields.put("freeze_onset_frame", f.freezeOnsetFrame());

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cycle_strength", f.cycleStrength());
    m.put("cycle_significance", f.cycleSignificance());
    m.put("cycle_repeats", f.cycleRepeats());
    m.put("pingpong_strength", f.pingPongStrength());
    m.put("pingpong_turn_frames", f.pingPongTurnFrames());
    m.put("duplicate_pair_ratio", f.duplicatePairRatio());
    m.put("duplicate_min_lag_frames", f.duplicateMinLag());
    m.put("freeze_ratio", f.freezeRatio());
    m.put("freeze_min_frames", f.freezeMinFrames());
    m.put("freeze_runs", f.freezeRuns());
    m.put("consecutive_duplicate_ratio", f.consecutiveDuplicateRatio());
    m.put("stutter_ratio", f.stutterRatio());
    m.put("novelty_mean", f.noveltyMean());
    m.put("near_distance", f.nearDistance());
    m.put("far_distance", f.farDistance());
    return s.productResult(fields, m);
  }
}
