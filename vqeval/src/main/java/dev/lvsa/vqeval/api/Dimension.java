package dev.lvsa.vqeval.api;

import java.util.Map;

/**
 * One scored dimension of video quality. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.lvsa.vqeval.api.Dimension}); a user can add one by putting a jar on the
 * class path. Names are lower-case with underscores and must be unique.
 */
public interface Dimension {

    /** Name as it appears in JSON ({@code dimensions.<name>}), weights and presets. */
    String name();

    /** Weight in the composite when the user gives none. */
    double defaultWeight();

    /**
     * Normalisation range of each raw metric that feeds the score, keyed by metric name; a preset may
     * override them under {@code <dimension>.<metric>}.
     */
    Map<String, NormRange> defaultRanges();

    /** Scores one analysed video. */
    DimensionResult evaluate(AnalysisContext context);
}
