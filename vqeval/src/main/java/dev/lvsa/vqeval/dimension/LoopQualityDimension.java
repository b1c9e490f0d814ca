package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.RepeatEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * loop_quality: 100 when the video never repeats itself. The repeat model explains the video as events
 * (replays, ping-pong reversals, freezes); the score falls with the share of frames that show earlier
 * content again (replay_ratio), the share that holds still (freeze_ratio) and near-duplicate frames far
 * apart (a video that stays put). The penalties multiply.
 */
public final class LoopQualityDimension extends BuiltInDimension {

    public static final String NAME = "loop_quality";

    private static final Map<String, NormRange> RANGES = Map.of(
            "replay_ratio", new NormRange(0.02, 0.15),
            "duplicate_pair_ratio", new NormRange(0.02, 0.30),
            "freeze_ratio", new NormRange(0.03, 0.40));

    public LoopQualityDimension() {
        super(NAME, 0.35, RANGES);
    }

    @Override
    public DimensionResult evaluate(AnalysisContext context) {
        LoopFindings f = context.loop();
        Scorer s = new Scorer(this, context);
        s.penalise("replay_ratio", f.replayRatio());
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
        fields.put("replay_ratio", f.replayRatio());
        fields.put("events", events(f.events(), fps));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle_strength", f.cycleStrength());
        m.put("cycle_repeats", f.cycleRepeats());
        m.put("replay_ratio", f.replayRatio());
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
        m.put("search", f.search());
        return s.productResult(fields, m);
    }

    static List<Map<String, Object>> events(List<RepeatEvent> events, double fps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RepeatEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", e.kind().label());
            m.put("start", e.start());
            m.put("end", e.end());
            m.put("source_start", e.sourceStart());
            m.put("lag", e.lag());
            m.put("lag_s", e.lag() != null && fps > 0 ? e.lag() / fps : null);
            m.put("strength", Math.round(e.strength() * 1000) / 1000.0);
            m.put("found_by", e.found());
            out.add(m);
        }
        return out;
    }
}
