package dev.lvsa.runner.experiment;

import dev.lvsa.baselines.model.ModelSpec;

/**
 * A model of the grid.
 *
 * @param spec        the registry's facts (geometry, training horizon)
 * @param workerModel what the worker loads: a tiny preset's name, or a local diffusers folder
 */
public record ModelEntry(ModelSpec spec, String workerModel) {
    public String name() {
        return spec.name();
    }
}
