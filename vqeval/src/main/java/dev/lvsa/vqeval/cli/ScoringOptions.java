package dev.lvsa.vqeval.cli;

import dev.lvsa.vqeval.VqEval;
import dev.lvsa.vqeval.api.Preset;
import dev.lvsa.vqeval.api.Weights;
import dev.lvsa.vqeval.io.PresetFiles;
import dev.lvsa.vqeval.signal.BundledBrisque;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that score videos. */
public final class ScoringOptions {

  @Option(names = "--weights", paramLabel = "NAME=W,...",
      description = "Composite weights, e.g. loop_quality=0.4,temporal_dynamics=0.2 (others keep their default; "
          + "0 drops a dimension).")
  String weights;

  @Option(names = "--preset", paramLabel = "FILE",
      description = "Normalisation ranges from 'vqeval calibrate' (vqeval-preset/v1 JSON).")
  Path preset;

  @Option(names = "--stride", paramLabel = "N", defaultValue = "1",
      description = "Analyse every N-th frame (default 1: every frame). Periods stay in original frames.")
  int stride;

  @Option(names = "--analysis-size", paramLabel = "PX", defaultValue = "160",
      description = "Longer side of the downscaled analysis frames (default 160).")
  int analysisSize;

  @Option(names = "--brisque", description = "Add BRISQUE to spatial_quality with OpenCV's bundled LIVE model.")
  boolean brisque;

  @Option(names = "--brisque-model", paramLabel = "FILE", description = "BRISQUE model file (with --brisque-range).")
  Path brisqueModel;

  @Option(names = "--brisque-range", paramLabel = "FILE", description = "BRISQUE range file (with --brisque-model).")
  Path brisqueRange;

  /** Builds the evaluator; bad settings become a {@link UsageException}. */
  VqEval build(boolean usePreset) {
    VqEval.Builder b = VqEval.builder();
    try {
      if (preset != null && usePreset) {
        Preset p;
        try {
          p = PresetFiles.read(preset);
        } catch (IOException e) {
          throw new UsageException(preset + ": " + e.getMessage());
        }
        b.optPreset(p);
      }
      if (weights != null) {
        b.optWeights(Weights.parse(weights, VqEval.dimensionNames()));
      }
      b.optStride(stride).optAnalysisSize(analysisSize);
      if ((brisqueModel == null) != (brisqueRange == null)) {
        throw new UsageException("--brisque-model and --brisque-range go together");
      }
      if (brisqueModel != null) {
        b.optBrisque(brisqueModel, brisqueRange);
      } else if (brisque) {
        Path[] files = BundledBrisque.files();
        b.optBrisque(files[0], files[1]);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
