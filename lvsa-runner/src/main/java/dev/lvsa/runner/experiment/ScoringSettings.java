package dev.lvsa.runner.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How finished videos are scored by VQeval.
 *
 * @param enabled whether to score at all (default true)
 * @param weights composite weights per dimension (empty: VQeval's defaults)
 * @param stride  analyse every stride-th frame (default 1: every frame)
 */
public record ScoringSettings(boolean enabled, Map<String, Double> weights, int stride) {
    public ScoringSettings {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static ScoringSettings defaults() {
        return new ScoringSettings(true, Map.of(), 1);
    }
}
