package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import picocli.CommandLine.Option;

/** One generation job: model, frames, resolution, steps. */
public final class JobOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "NAME",
            description = "model registry name (see 'pattern models'), e.g. wan2.1-t2v-1.3b")
    String model;

    @Option(
            names = "--frames",
            required = true,
            paramLabel = "N",
            description = "video frames; must be 4k+1 for a temporal factor of 4 (e.g. 81, 161, 321, 481)")
    int frames;

    @Option(names = "--height", paramLabel = "PX", description = "video height (default: the model's)")
    Integer height;

    @Option(names = "--width", paramLabel = "PX", description = "video width (default: the model's)")
    Integer width;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "denoising steps (default: the model's, 50 for " + "Wan 2.1 and HunyuanVideo 1.5)")
    Integer steps;

    ModelSpec modelSpec() {
        return ModelRegistry.standard().get(model);
    }

    Geometry geometry() {
        return modelSpec().geometry(frames, height, width);
    }

    int steps() {
        return steps != null ? steps : modelSpec().defaultSteps();
    }
}
