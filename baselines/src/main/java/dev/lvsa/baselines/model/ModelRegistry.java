package dev.lvsa.baselines.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.baselines.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models the toolkit knows: the real ones (facts verified against their diffusers configs and pipelines, see
 * {@code docs/patterns.md}) and the worker's tiny random-weight presets, whose geometry is read from
 * {@code contracts/models/tiny-models.json} (the one source of truth shared with the Python worker).
 */
public final class ModelRegistry {
    /** Classpath location of the tiny presets (the repository's {@code contracts/} folder is a resource root). */
    public static final String TINY_MODELS_RESOURCE = "/contracts/models/tiny-models.json";

    private static final ModelRegistry DEFAULT = new ModelRegistry(builtIns(), loadTinyPresets());

    private final Map<String, ModelSpec> models;

    private ModelRegistry(List<ModelSpec> real, List<ModelSpec> tiny) {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (ModelSpec s : real) {
            m.put(s.name(), s);
        }
        for (ModelSpec s : tiny) {
            if (m.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("tiny preset " + s.name() + " clashes with a built-in model");
            }
        }
        this.models = Collections.unmodifiableMap(m);
    }

    /** The registry with every built-in model and tiny preset. */
    public static ModelRegistry standard() {
        return DEFAULT;
    }

    /** Every model, real ones first, in a stable order. */
    public List<ModelSpec> all() {
        return List.copyOf(models.values());
    }

    /**
     * The model called {@code name}.
     *
     * @throws BadInputException naming the unknown model and listing the known ones
     */
    public ModelSpec get(String name) {
        ModelSpec s = models.get(name);
        if (s == null) {
            throw new BadInputException("model '" + name + "' is unknown (known: " + String.join(", ", models.keySet())
                    + ")");
        }
        return s;
    }

    private static List<ModelSpec> builtIns() {
        // Wan 2.1 T2V 1.3B: transformer/config.json of Wan-AI/Wan2.1-T2V-1.3B-Diffusers (30 layers, 12 heads x 128,
        // ffn 8960, patch [1,2,2]); text_len 512 for cross-attention (Wan's config, WanPipeline max_sequence_length);
        // VAE stride (4, 8, 8); WanPipeline defaults: 480x832, guidance 5.0 (CFG, two passes), 50 steps.
        Architecture wan13 = new Architecture(30, 12, 128, 1536, 8960, 512, false, false);
        // Wan 2.1 T2V 14B and each Wan 2.2 T2V A14B expert: 40 layers, 40 heads x 128, ffn 13824.
        Architecture wan14 = new Architecture(40, 40, 128, 5120, 13824, 512, false, false);
        // HunyuanVideo 1.5 (diffusers HunyuanVideo15Transformer3DModel): 54 dual-stream blocks, 16 heads x 128,
        // mlp_ratio 4 (ffn 8192), patch 1; no cross-attention (text joins self-attention).
        Architecture hv15 = new Architecture(54, 16, 128, 2048, 8192, 0, true, false);
        // Text tokens joined to HunyuanVideo 1.5's self-attention: diffusers' HunyuanVideo15Pipeline pads the
        // Qwen2.5-VL prompt to tokenizer_max_length = 1000 tokens and the ByT5 glyph prompt to
        // tokenizer_2_max_length = 256, and always passes vision_num_semantic_tokens = 729 image tokens (zeros
        // and masked out for text-to-video); HunyuanVideo15Transformer3DModel.forward concatenates the three into
        // encoder_hidden_states, which the attention processor appends to the video tokens: 1000 + 256 + 729.
        // Padded positions are masked, but the joint sequence (and a dense kernel's work) has all 1985.
        int hv15Text = 1000 + 256 + 729;
        Patch wanPatch = new Patch(1, 2, 2);
        Patch hvPatch = new Patch(1, 1, 1);
        return List.of(
                new ModelSpec("wan2.1-t2v-1.3b", ModelFamily.WAN, 1, null, 4, 8, wanPatch, 480, 832, 21, 0,
                        wan13, 2, 50),
                new ModelSpec("wan2.1-t2v-14b", ModelFamily.WAN, 1, null, 4, 8, wanPatch, 480, 832, 21, 0,
                        wan14, 2, 50),
                // Wan 2.2 A14B: two experts (transformer: high noise, transformer_2: low noise), boundary 0.875;
                // Wan2.2's t2v_A14B config: 40 sample steps, guidance (3.0, 4.0) with CFG.
                new ModelSpec("wan2.2-t2v-a14b", ModelFamily.WAN, 2, 0.875, 4, 8, wanPatch, 480, 832, 21, 0,
                        wan14, 2, 40),
                // 480p: target_size 640 -> default 480x848 (16:9 bucket); 720p: target_size 960 -> 720x1280.
                // Guidance 6.0 (CFG) for both t2v checkpoints; 50 steps; training length 129 frames (33 latent).
                new ModelSpec("hunyuanvideo-1.5-480p", ModelFamily.HUNYUANVIDEO15, 1, null, 4, 16, hvPatch, 480,
                        848, 33, hv15Text, hv15, 2, 50),
                new ModelSpec("hunyuanvideo-1.5-720p", ModelFamily.HUNYUANVIDEO15, 1, null, 4, 16, hvPatch, 720,
                        1280, 33, hv15Text, hv15, 2, 50));
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

    private static List<ModelSpec> loadTinyPresets() {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(TINY_MODELS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TINY_MODELS_RESOURCE + " is not on the classpath (broken build: "
                        + "baselines must have ../contracts as a resource root)");
            }
            return parseTinyPresets(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TINY_MODELS_RESOURCE, e);
        }
    }

    static List<ModelSpec> parseTinyPresets(JsonNode root) {
        List<ModelSpec> out = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String name = text(m, "name");
            ModelFamily family = ModelFamily.fromId(text(m, "family"));
            JsonNode patch = m.path("patch");
            Double boundary = m.hasNonNull("boundary_ratio") ? m.get("boundary_ratio").asDouble() : null;
            out.add(new ModelSpec(name, family, integer(m, "experts"), boundary, integer(m, "temporal_factor"),
                    integer(m, "spatial_factor"), new Patch(patch.path(0).asInt(), patch.path(1).asInt(),
                    patch.path(2).asInt()), integer(m, "height"), integer(m, "width"),
                    integer(m, "reference_latent_frames"), integer(m, "text_tokens"),
                    nominalTinyArchitecture(family, integer(m, "attention_heads")), 2, 4));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(TINY_MODELS_RESOURCE + " lists no models");
        }
        return out;
    }

    private static String text(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException(TINY_MODELS_RESOURCE + ": a model lacks text field '" + field + "'");
        }
        return v.asText();
    }

    private static int integer(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalStateException(TINY_MODELS_RESOURCE + ": model " + m.path("name").asText("?")
                    + " lacks integer field '" + field + "'");
        }
        return v.asInt();
    }
}
