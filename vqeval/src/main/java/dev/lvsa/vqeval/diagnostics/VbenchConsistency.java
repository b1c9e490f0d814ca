package dev.lvsa.vqeval.diagnostics;

import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VBench's subject consistency (DINO features) and background consistency (CLIP features), computed as
 * VBench defines them: with unit-length features {@code f_0 .. f_{n-1}}, each frame {@code i >= 1} scores
 * {@code (max(0, cos(f_{i-1}, f_i)) + max(0, cos(f_0, f_i))) / 2}, and the video scores the mean over
 * those frames. Frames are the embedded ones (every frame unless an embedder stride is set); how they
 * were prepared is the embedder's spec (VBench: DINO resizes the shorter side to 224 without a crop,
 * CLIP resizes and centre-crops to 224).
 */
public final class VbenchConsistency {

    private VbenchConsistency() {}

    /** {@code subject_consistency} and/or {@code background_consistency}, with what they came from. */
    public static Map<String, Object> compute(List<FrameEmbeddings> channels, int stride) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FrameEmbeddings e : channels) {
            String name = switch (e.spec().kind()) {
                case DINO -> "subject_consistency";
                case CLIP -> "background_consistency";
                case GENERIC -> null;
            };
            if (name == null || out.containsKey(name)) {
                continue;
            }
            out.put(name, consistency(e));
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("model", e.spec().model().toString());
            from.put("frames", e.size());
            from.put("every", e.every() * stride);
            from.put("input", e.inputWidth() + "x" + e.inputHeight());
            out.put(name + "_from", from);
        }
        return out;
    }

    /** VBench's per-video consistency of one feature channel (NaN for fewer than two frames). */
    public static double consistency(FrameEmbeddings e) {
        int n = e.size();
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += 0.5 * (Math.max(0, e.cosine(i - 1, i)) + Math.max(0, e.cosine(0, i)));
        }
        return sum / (n - 1);
    }

    /** Whether any channel gives a VBench measure. */
    public static boolean any(List<FrameEmbeddings> channels) {
        return channels.stream().anyMatch(e -> e.spec().kind() != EmbedderSpec.Kind.GENERIC);
    }
}
