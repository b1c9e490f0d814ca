package dev.lvsa.vqeval.cli;

import dev.lvsa.common.BadInputException;
import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.EmbedderRequest;
import dev.lvsa.vqeval.api.Preset;
import dev.lvsa.vqeval.api.Weights;
import dev.lvsa.vqeval.io.PresetFiles;
import dev.lvsa.vqeval.signal.BundledBrisque;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that score videos. */
public final class ScoringOptions {

    @Option(
            names = "--weights",
            paramLabel = "NAME=W,...",
            description = "Composite weights, e.g. loop_quality=0.4,temporal_dynamics=0.2 (others keep their default; "
                    + "0 drops a dimension).")
    String weights;

    @Option(
            names = "--preset",
            paramLabel = "FILE",
            description = "Normalisation ranges from 'vqeval calibrate' (vqeval-preset/v1 JSON).")
    Path preset;

    @Option(
            names = "--stride",
            paramLabel = "N",
            defaultValue = "1",
            description = "Analyse every N-th frame (default 1: every frame). Periods stay in original frames.")
    int stride;

    @Option(
            names = "--analysis-size",
            paramLabel = "PX",
            defaultValue = "160",
            description = "Longer side of the downscaled analysis frames (default 160).")
    int analysisSize;

    @Option(names = "--brisque", description = "Add BRISQUE to spatial_quality with OpenCV's bundled LIVE model.")
    boolean brisque;

    @Option(names = "--brisque-model", paramLabel = "FILE", description = "BRISQUE model file (with --brisque-range).")
    Path brisqueModel;

    @Option(names = "--brisque-range", paramLabel = "FILE", description = "BRISQUE range file (with --brisque-model).")
    Path brisqueRange;

    @Option(
            names = "--embedder",
            paramLabel = "FILE",
            description = "A learned image encoder (ONNX; DINO, CLIP or any image model) whose features add a semantic "
                    + "channel to the repeat model and, for DINO/CLIP, VBench's own consistency (diagnostics.vbench). "
                    + "Repeatable. Settings come from FILE.json beside it, or the options below. Needs the vqeval-embed "
                    + "module (built by scripts/setup.sh).")
    List<Path> embedders = new ArrayList<>();

    @Option(
            names = "--embedder-kind",
            paramLabel = "KIND",
            description = "dino, clip or generic, one per --embedder in order (default: the sidecar's, else generic).")
    List<String> embedderKinds = new ArrayList<>();

    @Option(
            names = "--embedder-size",
            paramLabel = "PX",
            description = "Shorter side the frames are resized to for the model (default: sidecar, else 224).")
    Integer embedderSize;

    @Option(
            names = "--embedder-crop",
            paramLabel = "true|false",
            arity = "1",
            description =
                    "Centre-crop the resized frame to a square (default: sidecar, else dino false, clip/generic true).")
    Boolean embedderCrop;

    @Option(
            names = "--embedder-mean",
            paramLabel = "R,G,B",
            split = ",",
            description = "Per-channel mean on a 0-1 scale (default: sidecar, else the kind's: ImageNet or CLIP).")
    float[] embedderMean;

    @Option(
            names = "--embedder-std",
            paramLabel = "R,G,B",
            split = ",",
            description = "Per-channel standard deviation (default: sidecar, else the kind's).")
    float[] embedderStd;

    @Option(
            names = "--embedder-engine",
            paramLabel = "NAME",
            description = "DJL engine that runs the models (default OnnxRuntime, the one bundled).")
    String embedderEngine;

    @Option(
            names = "--embedder-stride",
            paramLabel = "N",
            defaultValue = "1",
            description = "Embed every N-th analysed frame (default 1). Lags stay in original frames.")
    int embedderStride;

    @Option(
            names = "--embedder-batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Frames per model call (default 16).")
    int embedderBatch;

    /** The embedder requests these options describe. */
    List<EmbedderRequest> embedderRequests() {
        if (embedderKinds.size() > embedders.size()) {
            throw new BadInputException(
                    "--embedder-kind given " + embedderKinds.size() + " times for " + embedders.size() + " --embedder");
        }
        List<EmbedderRequest> out = new ArrayList<>();
        for (int i = 0; i < embedders.size(); i++) {
            String kind = i < embedderKinds.size() ? embedderKinds.get(i) : null;
            out.add(new EmbedderRequest(
                    embedders.get(i), kind, embedderSize, embedderCrop, embedderMean, embedderStd, embedderEngine));
        }
        return out;
    }

    /** Builds the evaluator; bad settings become a {@link BadInputException}. */
    VqEval build(boolean usePreset) {
        VqEval.Builder b = VqEval.builder();
        try {
            if (preset != null && usePreset) {
                Preset p;
                try {
                    p = PresetFiles.read(preset);
                } catch (IOException e) {
                    throw new BadInputException(preset + ": " + e.getMessage());
                }
                b.optPreset(p);
            }
            if (weights != null) {
                b.optWeights(Weights.parse(weights, VqEval.dimensionNames()));
            }
            b.optStride(stride).optAnalysisSize(analysisSize);
            if (!embedders.isEmpty()) {
                b.optEmbedders(embedderRequests())
                        .optEmbedderStride(embedderStride)
                        .optEmbedderBatch(embedderBatch);
            }
            if ((brisqueModel == null) != (brisqueRange == null)) {
                throw new BadInputException("--brisque-model and --brisque-range go together");
            }
            if (brisqueModel != null) {
                b.optBrisque(brisqueModel, brisqueRange);
            } else if (brisque) {
                Path[] files = BundledBrisque.files();
                b.optBrisque(files[0], files[1]);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
