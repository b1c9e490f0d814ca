package dev.lvsa.runner.experiment;

import dev.lvsa.baselines.model.ModelSpec;

/**
 * A model of the grid.
 *
 * @param spec        the registry's facts (geometry, training horizon)
 * @param workerModel what the worker loads: a tiny preset's name, or a local diffusers folder; with dummy weights
 *                    the registry name
 * @param dummy       the worker builds the real architecture with seeded random weights (speed only: no scores)
 * @param text        with dummy weights: {@code encoder} (a real-size random text encoder) or {@code dummy-embeddings}
 *                    (random prompt embeddings of the real shape); null otherwise
 */
public record ModelEntry(ModelSpec spec, String workerModel, boolean dummy, String text) {
    /** Text options with dummy weights. */
    public static final java.util.List<String> TEXT_OPTIONS = java.util.List.of("encoder", "dummy-embeddings");

    public ModelEntry(ModelSpec spec, String workerModel) {
        this(spec, workerModel, false, null);
    }

    public String name() {
        return spec.name();
    }
}
