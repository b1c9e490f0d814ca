package dev.lvsa.vqeval.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numbers reported beside the dimensions for comparison with other evaluators: VBench-like
 * consistency/flicker/smoothness/dynamic degree (which reward static video) and the two published loop
 * metrics (RIFLEx NoRepeat, UltraViCo repeated-frame ratio); {@code vbench} holds VBench's own subject and
 * background consistency when DINO or CLIP embedders were given (empty otherwise).
 */
public record Diagnostics(Map<String, Object> vbenchLike, Map<String, Object> published, Map<String, Object> vbench) {

    public Diagnostics {
        vbenchLike = Collections.unmodifiableMap(new LinkedHashMap<>(vbenchLike));
        published = Collections.unmodifiableMap(new LinkedHashMap<>(published));
        vbench = Collections.unmodifiableMap(new LinkedHashMap<>(vbench));
    }

    /** Without VBench's own measures (no DINO or CLIP embedder was given). */
    public Diagnostics(Map<String, Object> vbenchLike, Map<String, Object> published) {
        this(vbenchLike, published, Map.of());
    }

    /** A value as a double (NaN when absent or not a number). */
    public static double number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
