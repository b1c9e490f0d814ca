package dev.lvsa.baselines.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the model files of {@code contracts/models/} (shared with the Python worker) into {@link ModelSpec}s. A bad or
 * missing field is an {@link IllegalStateException} naming the file, the model and the field.
 *
 * <p>Real models ({@code real-models.json}): the geometry fields, {@code default_steps} and {@code guidance_passes}
 * are taken as they are; the {@link Architecture} comes from the config of the entry's {@code transformer} component:
 * {@code num_layers}, {@code num_attention_heads}, {@code attention_head_dim}, hidden size heads x head dim, FFN
 * {@code ffn_dim} (Wan) or {@code mlp_ratio} x hidden size (HunyuanVideo 1.5: 4.0 x 2048 = 8192). A model with
 * {@code text_tokens} 0 (Wan) cross-attends to {@code pipeline.max_sequence_length} text tokens (512, WanPipeline's
 * default and Wan's {@code text_len}) in every block; one with text tokens in self-attention (HunyuanVideo 1.5's 1985 =
 * 1000 Qwen2.5-VL + 256 ByT5 + 729 image slots, see the file's description) is dual-stream, with no cross-attention.
 * Sources of every number: {@code docs/patterns.md}, "Model facts and their sources".
 *
 * <p>Tiny presets ({@code tiny-models.json}): geometry only; their architecture is nominal (the worker owns it) except
 * {@code attention_heads}; 4 steps, 2 passes.
 */
final class ModelContracts {
    private ModelContracts() {}

    /** The models of {@code real-models.json} (read from {@code file}, named in errors), in file order. */
    static List<ModelSpec> parseRealModels(JsonNode root, String file) {
        List<ModelSpec> out = new ArrayList<>();
        for (JsonNode m : models(root, file)) {
            Fields f = new Fields(file, m);
            String component = f.text(m, "transformer");
            JsonNode config = root.path("components").path(component).path("config");
            if (!config.isObject()) {
                throw f.bad("transformer", "names component '" + component + "', which has no config in components");
            }
            String at = "components." + component + ".config.";
            int heads = f.integer(config, at + "num_attention_heads", 1);
            int headDim = f.integer(config, at + "attention_head_dim", 1);
            int modelDim = heads * headDim;
            int ffn = config.has("ffn_dim")
                    ? f.integer(config, at + "ffn_dim", 1)
                    : (int) Math.round(f.positive(config, at + "mlp_ratio") * modelDim);
            int textTokens = f.integer(m, "text_tokens", 0);
            int crossText = textTokens == 0 ? f.integer(m.path("pipeline"), "pipeline.max_sequence_length", 1) : 0;
            Architecture arch = new Architecture(
                    f.integer(config, at + "num_layers", 1),
                    heads,
                    headDim,
                    modelDim,
                    ffn,
                    crossText,
                    textTokens > 0,
                    false);
            out.add(f.spec(textTokens, arch, f.integer(m, "guidance_passes", 1), f.integer(m, "default_steps", 1)));
        }
        return out;
    }

    /** The presets of {@code tiny-models.json} (read from {@code file}, named in errors), in file order. */
    static List<ModelSpec> parseTinyPresets(JsonNode root, String file) {
        List<ModelSpec> out = new ArrayList<>();
        for (JsonNode m : models(root, file)) {
            Fields f = new Fields(file, m);
            out.add(f.spec(
                    f.integer(m, "text_tokens", 0),
                    nominalTinyArchitecture(f.family(), f.integer(m, "attention_heads", 1)),
                    2,
                    4));
        }
        return out;
    }

    /**
     * Nominal sizes for the tiny presets (the worker owns their real architectures): for illustration only, except
     * the attention heads, which the contract gives ({@code attention_heads}: the worker builds its transformers
     * with it and the runner checks {@code devices_per_job} against it).
     */
    private static Architecture nominalTinyArchitecture(ModelFamily family, int heads) {
        return family == ModelFamily.HUNYUANVIDEO15
                ? new Architecture(2, heads, 16, heads * 16, 128, 0, true, true)
                : new Architecture(2, heads, 16, heads * 16, 64, 16, false, true);
    }

    private static JsonNode models(JsonNode root, String file) {
        JsonNode models = root.path("models");
        if (!models.isArray() || models.isEmpty()) {
            throw new IllegalStateException(file + " lists no models");
        }
        return models;
    }

    /** Typed reads of one model entry; failures name the file, the model and the field. */
    private record Fields(String file, JsonNode model) {
        String name() {
            JsonNode v = model.get("name");
            if (v == null || !v.isTextual()) {
                throw new IllegalStateException(file + ": a model lacks text field 'name'");
            }
            return v.asText();
        }

        IllegalStateException bad(String field, String why) {
            return new IllegalStateException(file + ": model " + name() + ": field '" + field + "' " + why);
        }

        /** {@code field} of {@code node}: its name is the last part of {@code field} (a dotted path, for errors). */
        private static JsonNode get(JsonNode node, String field) {
            return node.get(field.substring(field.lastIndexOf('.') + 1));
        }

        String text(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (v == null || !v.isTextual()) {
                throw new IllegalStateException(file + ": model " + name() + " lacks text field '" + field + "'");
            }
            return v.asText();
        }

        /** Integer {@code field} of {@code node}, at least {@code min}. */
        int integer(JsonNode node, String field, int min) {
            JsonNode v = get(node, field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalStateException(file + ": model " + name() + " lacks integer field '" + field + "'");
            }
            if (v.asInt() < min) {
                throw bad(field, "is " + v.asInt() + ", below " + min);
            }
            return v.asInt();
        }

        double positive(JsonNode node, String field) {
            JsonNode v = get(node, field);
            if (v == null || !v.isNumber()) {
                throw new IllegalStateException(file + ": model " + name() + " lacks number field '" + field + "'");
            }
            if (!(v.asDouble() > 0)) {
                throw bad(field, "is " + v.asDouble() + ", not positive");
            }
            return v.asDouble();
        }

        ModelFamily family() {
            String id = text(model, "family");
            try {
                return ModelFamily.fromId(id);
            } catch (RuntimeException e) {
                throw bad("family", "is '" + id + "', not a known family: " + e.getMessage());
            }
        }

        Patch patch() {
            JsonNode p = model.get("patch");
            if (p == null
                    || !p.isArray()
                    || p.size() != 3
                    || !p.get(0).isInt()
                    || !p.get(1).isInt()
                    || !p.get(2).isInt()) {
                throw bad("patch", "is not three integers [t, h, w]");
            }
            return new Patch(p.get(0).asInt(), p.get(1).asInt(), p.get(2).asInt());
        }

        /** The entry's geometry with the given text tokens, architecture, passes per step and steps. */
        ModelSpec spec(int textTokens, Architecture arch, int cfgPasses, int defaultSteps) {
            int experts = integer(model, "experts", 1);
            Double boundary =
                    experts > 1 || model.hasNonNull("boundary_ratio") ? positive(model, "boundary_ratio") : null;
            if (boundary != null && boundary >= 1) {
                throw bad("boundary_ratio", "is " + boundary + ", not below 1");
            }
            try {
                return new ModelSpec(
                        name(),
                        family(),
                        experts,
                        boundary,
                        integer(model, "temporal_factor", 1),
                        integer(model, "spatial_factor", 1),
                        patch(),
                        integer(model, "height", 1),
                        integer(model, "width", 1),
                        integer(model, "reference_latent_frames", 1),
                        textTokens,
                        arch,
                        cfgPasses,
                        defaultSteps);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": model " + name() + ": " + e.getMessage(), e);
            }
        }
    }
}
