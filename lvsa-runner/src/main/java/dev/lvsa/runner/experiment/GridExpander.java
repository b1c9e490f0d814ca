package dev.lvsa.runner.experiment;

import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.common.BadInputException;
import dev.lvsa.datasets.prompts.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands an experiment into jobs: model x method variant x length x prompt x seed, in that nesting order (so one
 * worker keeps one model loaded for a long stretch). Lengths: every horizon {@code h} gives
 * {@code round(h * (F_ref - 1) / tf) * tf + 1} video frames (tf: the VAE's temporal factor; 1x tiny-wan = 33,
 * 2x = 65; 2x Wan = 161), then every explicit frame count; a length that appears twice is kept once. Jobs with the
 * same id (e.g. a default knob spelled out) are kept once.
 */
public final class GridExpander {
    private GridExpander() {}

    /** Video frames at horizon {@code h} for a model. */
    public static int framesAt(ModelSpec m, double h) {
        int tf = m.temporalFactor();
        return (int) Math.round(h * (m.referenceFrames() - 1) / tf) * tf + 1;
    }

    /** The horizon of an explicit frame count, rounded to 4 decimals. */
    public static double horizonOf(ModelSpec m, int frames) {
        return Math.round((frames - 1) * 10_000.0 / (m.referenceFrames() - 1)) / 10_000.0;
    }

    /** Every job of the grid, in grid order. */
    public static List<JobSpec> expand(Experiment e) {
        Map<String, JobSpec> jobs = new LinkedHashMap<>();
        for (ModelEntry m : e.models()) {
            ModelSpec s = m.spec();
            int steps = e.steps() != null ? e.steps() : s.defaultSteps();
            int height = e.height() != null ? e.height() : s.defaultHeight();
            int width = e.width() != null ? e.width() : s.defaultWidth();
            // timed steps of at least the model's steps are all of them: an ordinary job (and its ordinary id)
            Integer timed = e.timedSteps() != null && e.timedSteps() < steps ? e.timedSteps() : null;
            for (MethodVariant v : e.methods()) {
                for (Map.Entry<Integer, Double> len : lengths(e, s).entrySet()) {
                    for (Prompt p : e.prompts()) {
                        for (long seed : e.seeds()) {
                            JobSpec j = new JobSpec(
                                    m,
                                    v,
                                    len.getValue(),
                                    len.getKey(),
                                    height,
                                    width,
                                    steps,
                                    e.guidance(),
                                    p,
                                    e.negativePrompt(),
                                    seed,
                                    e.backend(),
                                    e.dtype(),
                                    e.fps(),
                                    e.offload(),
                                    timed,
                                    e.memoryCapGb());
                            jobs.putIfAbsent(j.jobId(), j);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(jobs.values());
    }

    /** Frames -> horizon for one model, in order, without repeats. */
    static Map<Integer, Double> lengths(Experiment e, ModelSpec s) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (double h : e.horizons()) {
            out.putIfAbsent(framesAt(s, h), h);
        }
        for (int f : e.frames()) {
            out.putIfAbsent(f, horizonOf(s, f));
        }
        return out;
    }

    /** Checks every model's geometry at every length, before anything runs. */
    static void checkGeometry(Experiment e, Keys keys) {
        for (int i = 0; i < e.models().size(); i++) {
            ModelSpec s = e.models().get(i).spec();
            for (double h : e.horizons()) {
                int f = framesAt(s, h);
                if (f < 1) {
                    throw keys.bad("horizons", "horizon " + h + " gives " + f + " frames for " + s.name());
                }
            }
            for (Integer f : lengths(e, s).keySet()) {
                try {
                    s.geometry(f, e.height(), e.width());
                } catch (BadInputException ex) {
                    String msg = ex.getMessage();
                    String key = msg.startsWith("height")
                            ? "height"
                            : msg.startsWith("width") ? "width" : e.frames().contains(f) ? "frames" : "horizons";
                    throw keys.bad(key, s.name() + ": " + ex.getMessage());
                }
            }
            int steps = e.steps() != null ? e.steps() : s.defaultSteps();
            if (steps > 1000) {
                throw keys.bad("steps", steps + " is above the plan schema's limit of 1000");
            }
        }
    }
}
