package dev.lvsa.baselines.cli;

import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.model.ModelSpec;
import dev.lvsa.baselines.plan.PlanJson;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.common.VersionProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pattern models}: every model with its geometry facts. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the models: VAE factors, patch, default resolution, tokens per latent frame, training "
                + "horizon, text tokens in self-attention, sizes for FLOP counting.")
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ModelSpec> models = ModelRegistry.standard().all();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ModelSpec m : models) {
                rows.add(describe(m));
            }
            out.print(PlanJson.toJson(rows));
        } else {
            out.printf(
                    "%-24s %-15s %7s %9s %5s %4s %5s %5s %6s %6s %6s%n",
                    "name", "family", "experts", "HxW", "P", "ref", "ref F", "text", "layers", "heads", "steps");
            for (ModelSpec m : models) {
                out.printf(
                        "%-24s %-15s %7d %9s %5d %4d %5d %5d %6d %6d %6d%s%n",
                        m.name(),
                        m.family().id(),
                        m.experts(),
                        m.defaultHeight() + "x" + m.defaultWidth(),
                        m.defaultTokensPerFrame(),
                        m.referenceLatentFrames(),
                        m.referenceFrames(),
                        m.textTokens(),
                        m.architecture().layers(),
                        m.architecture().heads(),
                        m.defaultSteps(),
                        m.architecture().nominal() ? "  (sizes nominal)" : "");
            }
            out.println("P = tokens per latent frame at the default resolution; ref = training horizon in latent "
                    + "frames (ref F in video frames); text = text tokens joining self-attention");
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> describe(ModelSpec m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", m.name());
        r.put("family", m.family().id());
        r.put("experts", m.experts());
        r.put("boundary_ratio", m.boundaryRatio());
        r.put("reference_frames", m.referenceFrames());
        r.put("reference_latent_frames", m.referenceLatentFrames());
        r.put("height", m.defaultHeight());
        r.put("width", m.defaultWidth());
        r.put("tokens_per_frame", m.defaultTokensPerFrame());
        r.put("frame_grid", List.of(m.defaultHeight() / m.heightStep(), m.defaultWidth() / m.widthStep()));
        r.put("temporal_factor", m.temporalFactor());
        r.put("spatial_factor", m.spatialFactor());
        r.put("patch", m.patch().asList());
        r.put("text_tokens", m.textTokens());
        r.put("layers", m.architecture().layers());
        r.put("heads", m.architecture().heads());
        r.put("head_dim", m.architecture().headDim());
        r.put("model_dim", m.architecture().modelDim());
        r.put("ffn_dim", m.architecture().ffnDim());
        r.put("cross_attention_text_tokens", m.architecture().crossAttentionTextTokens());
        r.put("dual_stream", m.architecture().dualStream());
        r.put("architecture_nominal", m.architecture().nominal());
        r.put("cfg_passes", m.cfgPasses());
        r.put("default_steps", m.defaultSteps());
        return r;
    }
}
