package dev.lvsa.baselines.pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** LVSA as a {@link FramePattern}: its knobs are resolved per job (rescale rule, automatic kfi). */
public record LvsaPattern(LvsaParams params) implements FramePattern {

    /** The knobs resolved for {@code context}. */
    public LvsaResolved resolve(PatternContext context) {
        return Lvsa.resolve(params, context.latentFrames(), context.referenceLatentFrames());
    }

    @Override
    public FrameMask mask(PatternContext context, int step) {
        return Lvsa.mask(resolve(context), step);
    }

    @Override
    public Map<String, Object> describe(PatternContext context) {
        LvsaResolved r = resolve(context);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "lvsa");
        m.put("window", r.window());
        m.put("n_first", r.nFirst());
        m.put("kfi", r.kfi());
        m.put("kfi_auto", r.kfiAuto());
        m.put("rotate", r.rotate());
        m.put("sparsity_scale", r.sparsityScale());
        m.put("expand_window", r.expandWindow());
        m.put("budget", r.budget());
        m.put("reference_latent_frames", r.reference());
        m.put("rescaled", r.rescaled());
        if (r.rescaled()) {
            m.put("requested_window", params.window());
            m.put("requested_n_first", params.nFirst());
        }
        return m;
    }
}
