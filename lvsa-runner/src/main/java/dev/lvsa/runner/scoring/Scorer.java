package dev.lvsa.runner.scoring;

import dev.lvsa.runner.experiment.ScoringSettings;
import dev.lvsa.runner.ledger.ScoreRow;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.Diagnostics;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.LoopFindings;
import dev.lvsa.vqeval.api.VideoException;
import dev.lvsa.vqeval.api.Weights;
import java.nio.file.Path;
import java.util.Map;

/** Scores videos with one VQeval evaluator (thread-safe, like VQeval). */
public final class Scorer {
    /** The dimensions the ledger and the CSV have columns for. */
    public static final String[] DIMENSIONS = {
        "loop_quality", "temporal_dynamics", "frame_similarity", "spatial_quality", "temporal_coherence"
    };

    private final VqEval vq;

    public Scorer(ScoringSettings settings) {
        this.vq = VqEval.builder()
                .optWeights(Weights.of(settings.weights()))
                .optStride(settings.stride())
                .build();
    }

    /** Scores one video; never throws for a bad video (the row says what went wrong). */
    public ScoreRow score(Path video, String shownName) {
        long t0 = System.nanoTime();
        try {
            EvaluationReport r = vq.evaluate(video, shownName);
            return row(r, (System.nanoTime() - t0) / 1e9);
        } catch (VideoException e) {
            return ScoreRow.failed(e.oneLine(), (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            return ScoreRow.failed(
                    "VQeval failed on " + shownName + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    static ScoreRow row(EvaluationReport r, double seconds) {
        Double[] dims = new Double[DIMENSIONS.length];
        for (int i = 0; i < DIMENSIONS.length; i++) {
            DimensionResult d = r.dimensions().get(DIMENSIONS[i]);
            dims[i] = d == null ? null : d.score();
        }
        LoopFindings loop = r.loop();
        Map<String, Object> pub = r.diagnostics().published();
        Map<String, Object> vb = r.diagnostics().vbenchLike();
        return new ScoreRow(
                "ok",
                finite(r.compositeScore()),
                dims[0],
                dims[1],
                dims[2],
                dims[3],
                dims[4],
                loop == null ? null : loop.cycleDetected(),
                loop == null ? null : loop.cyclePeriodFrames(),
                loop == null ? null : loop.firstRepeatFrame(),
                loop == null ? null : finite(loop.freezeRatio()),
                number(pub, "norepeat"),
                number(pub, "repeat_ratio"),
                number(vb, "subject_consistency"),
                number(vb, "background_consistency"),
                number(vb, "temporal_flicker"),
                number(vb, "motion_smoothness"),
                number(vb, "dynamic_degree"),
                seconds,
                r.toJson(),
                null);
    }

    private static Double number(Map<String, Object> m, String key) {
        return finite(Diagnostics.number(m, key));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
