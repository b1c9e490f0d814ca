package dev.lvsa.baselines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.baselines.ContractFiles;
import dev.lvsa.common.BadInputException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry's geometry: computed from the VAE factors and patch, checked against the published facts. */
class ModelRegistryTest {
    private final ModelRegistry registry = ModelRegistry.standard();

    @ParameterizedTest(name = "{0}: {1}x{2}, P={3}, reference {4} latent = {5} frames, text {6}")
    @CsvSource({
        "wan2.1-t2v-1.3b,        480, 832,  1560, 21, 81,  0",
        "wan2.1-t2v-14b,         480, 832,  1560, 21, 81,  0",
        "wan2.2-t2v-a14b,        480, 832,  1560, 21, 81,  0",
        "hunyuanvideo-1.5-480p,  480, 848,  1590, 33, 129, 1985",
        "hunyuanvideo-1.5-720p,  720, 1280, 3600, 33, 129, 1985",
        "tiny-wan,               64,  96,   24,   9,  33,  0",
        "tiny-wan22,             64,  96,   24,   9,  33,  0",
        "tiny-hv15,              64,  96,   24,   9,  33,  16",
    })
    void every_model_has_its_geometry(String name, int h, int w, int p, int ref, int refFrames, int text) {
        ModelSpec m = registry.get(name);
        assertThat(m.defaultHeight()).isEqualTo(h);
        assertThat(m.defaultWidth()).isEqualTo(w);
        assertThat(m.defaultTokensPerFrame()).isEqualTo(p);
        assertThat(m.referenceLatentFrames()).isEqualTo(ref);
        assertThat(m.referenceFrames()).isEqualTo(refFrames);
        assertThat(m.textTokens()).isEqualTo(text);
    }

    /** Every fact of every real model, pinned to the values Java typed in before real-models.json became the source. */
    @Test
    void real_models_read_from_the_contract_keep_every_fact() {
        Architecture wan13 = new Architecture(30, 12, 128, 1536, 8960, 512, false, false);
        Architecture wan14 = new Architecture(40, 40, 128, 5120, 13824, 512, false, false);
        Architecture hv15 = new Architecture(54, 16, 128, 2048, 8192, 0, true, false);
        Patch wanPatch = new Patch(1, 2, 2);
        Patch hvPatch = new Patch(1, 1, 1);
        List<ModelSpec> expected = List.of(
                new ModelSpec(
                        "wan2.1-t2v-1.3b", ModelFamily.WAN, 1, null, 4, 8, wanPatch, 480, 832, 21, 0, wan13, 2, 50),
                new ModelSpec(
                        "wan2.1-t2v-14b", ModelFamily.WAN, 1, null, 4, 8, wanPatch, 480, 832, 21, 0, wan14, 2, 50),
                new ModelSpec(
                        "wan2.2-t2v-a14b", ModelFamily.WAN, 2, 0.875, 4, 8, wanPatch, 480, 832, 21, 0, wan14, 2, 40),
                new ModelSpec(
                        "hunyuanvideo-1.5-480p",
                        ModelFamily.HUNYUANVIDEO15,
                        1,
                        null,
                        4,
                        16,
                        hvPatch,
                        480,
                        848,
                        33,
                        1985,
                        hv15,
                        2,
                        50),
                new ModelSpec(
                        "hunyuanvideo-1.5-720p",
                        ModelFamily.HUNYUANVIDEO15,
                        1,
                        null,
                        4,
                        16,
                        hvPatch,
                        720,
                        1280,
                        33,
                        1985,
                        hv15,
                        2,
                        50));
        assertThat(registry.all().subList(0, expected.size())).containsExactlyElementsOf(expected);
        assertThat(registry.all())
                .extracting(ModelSpec::name)
                .endsWith("tiny-wan", "tiny-wan22", "tiny-hv15")
                .hasSize(expected.size() + 3);
    }

    @Test
    void hunyuan_text_tokens_are_the_pipelines_padded_lengths() {
        for (JsonNode m : ContractFiles.read(ModelRegistry.REAL_MODELS_RESOURCE).path("models")) {
            JsonNode p = m.path("pipeline");
            if (m.path("text_tokens").asInt() > 0) {
                assertThat(p.path("tokenizer_max_length").asInt()
                                + p.path("tokenizer_2_max_length").asInt()
                                + p.path("vision_num_semantic_tokens").asInt())
                        .as(m.path("name").asText())
                        .isEqualTo(m.path("text_tokens").asInt());
            }
        }
    }

    private static IllegalStateException brokenRealModel(int index, Consumer<ObjectNode> edit) {
        JsonNode root = ContractFiles.read(ModelRegistry.REAL_MODELS_RESOURCE).deepCopy();
        edit.accept((ObjectNode) root.path("models").get(index));
        try {
            ModelContracts.parseRealModels(root, "real-models.json");
        } catch (IllegalStateException e) {
            return e;
        }
        throw new AssertionError("parsed a broken real-models.json");
    }

    @Test
    void a_bad_or_missing_field_names_the_file_the_model_and_the_field() {
        assertThat(brokenRealModel(0, m -> m.remove("default_steps")))
                .hasMessage("real-models.json: model wan2.1-t2v-1.3b lacks integer field 'default_steps'");
        assertThat(brokenRealModel(1, m -> m.put("guidance_passes", "two")))
                .hasMessage("real-models.json: model wan2.1-t2v-14b lacks integer field 'guidance_passes'");
        assertThat(brokenRealModel(2, m -> m.remove("boundary_ratio")))
                .hasMessage("real-models.json: model wan2.2-t2v-a14b lacks number field 'boundary_ratio'");
        assertThat(brokenRealModel(0, m -> m.with("pipeline").remove("max_sequence_length")))
                .hasMessage(
                        "real-models.json: model wan2.1-t2v-1.3b lacks integer field 'pipeline.max_sequence_length'");
        assertThat(brokenRealModel(3, m -> m.put("transformer", "nowhere")))
                .hasMessage(
                        "real-models.json: model hunyuanvideo-1.5-480p: field 'transformer' names component 'nowhere', "
                                + "which has no config in components");
        assertThat(brokenRealModel(4, m -> m.put("height", 0)))
                .hasMessage("real-models.json: model hunyuanvideo-1.5-720p: field 'height' is 0, below 1");
        assertThat(brokenRealModel(0, m -> m.putArray("patch").add(1).add(2)))
                .hasMessage("real-models.json: model wan2.1-t2v-1.3b: field 'patch' is not three integers [t, h, w]");
        assertThat(brokenRealModel(0, m -> m.put("family", "sora")))
                .hasMessageStartingWith(
                        "real-models.json: model wan2.1-t2v-1.3b: field 'family' is 'sora', not a known family");
        assertThat(brokenRealModel(0, m -> m.remove("name")))
                .hasMessage("real-models.json: a model lacks text field 'name'");
    }

    @Test
    void a_transformer_config_field_is_named_by_its_component() {
        JsonNode root = ContractFiles.read(ModelRegistry.REAL_MODELS_RESOURCE).deepCopy();
        ((ObjectNode) root.path("components")
                        .path("hunyuanvideo-1.5-480p-transformer")
                        .path("config"))
                .remove("mlp_ratio");
        assertThatThrownBy(() -> ModelContracts.parseRealModels(root, "real-models.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("real-models.json: model hunyuanvideo-1.5-480p "
                        + "lacks number field 'components.hunyuanvideo-1.5-480p-transformer.config.mlp_ratio'");
    }

    @Test
    void tokens_per_frame_follow_the_resolution() {
        Geometry g = registry.get("wan2.1-t2v-1.3b").geometry(481, 720, 1280);
        assertThat(g.latentFrames()).isEqualTo(121);
        assertThat(g.gridRows()).isEqualTo(45);
        assertThat(g.gridCols()).isEqualTo(80);
        assertThat(g.tokensPerFrame()).isEqualTo(3600);
    }

    @Test
    void wan22_has_two_experts_switching_at_0875() {
        ModelSpec m = registry.get("wan2.2-t2v-a14b");
        assertThat(m.experts()).isEqualTo(2);
        assertThat(m.boundaryRatio()).isEqualTo(0.875);
        assertThat(registry.get("tiny-wan22").experts()).isEqualTo(2);
        assertThat(registry.get("tiny-wan22").boundaryRatio()).isEqualTo(0.875);
    }

    @Test
    void horizons_give_the_paper_frame_counts() {
        ModelSpec wan = registry.get("wan2.1-t2v-1.3b");
        assertThat(wan.framesAtHorizon(2)).isEqualTo(161);
        assertThat(wan.framesAtHorizon(4)).isEqualTo(321);
        assertThat(wan.framesAtHorizon(6)).isEqualTo(481);
        ModelSpec hv = registry.get("hunyuanvideo-1.5-480p");
        assertThat(hv.framesAtHorizon(1.5)).isEqualTo(193);
        assertThat(hv.framesAtHorizon(2)).isEqualTo(257);
        assertThatThrownBy(() -> wan.framesAtHorizon(1.01)).isInstanceOf(BadInputException.class);
    }

    @Test
    void bad_geometry_is_one_clear_line() {
        ModelSpec wan = registry.get("wan2.1-t2v-1.3b");
        assertThatThrownBy(() -> wan.geometry(480, null, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("frames 480: not of the form 4k+1 (VAE temporal factor 4 of wan2.1-t2v-1.3b); "
                        + "nearest valid: 477 or 481");
        assertThatThrownBy(() -> wan.geometry(81, 500, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("height 500: not a positive multiple of 16 (VAE spatial factor 8 x patch 2 of "
                        + "wan2.1-t2v-1.3b); nearest valid: 496 or 512");
        assertThatThrownBy(() -> wan.geometry(81, null, 830))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("width 830:");
        assertThatThrownBy(() -> wan.geometry(0, null, null)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> registry.get("wan3"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("model 'wan3' is unknown (known: wan2.1-t2v-1.3b, ");
    }
}
