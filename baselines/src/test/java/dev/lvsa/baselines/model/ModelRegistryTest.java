package dev.lvsa.baselines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lvsa.baselines.BadInputException;
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
        assertThatThrownBy(() -> wan.geometry(480, null, null)).isInstanceOf(BadInputException.class)
                .hasMessage("frames 480: not of the form 4k+1 (VAE temporal factor 4 of wan2.1-t2v-1.3b); "
                        + "nearest valid: 477 or 481");
        assertThatThrownBy(() -> wan.geometry(81, 500, null)).isInstanceOf(BadInputException.class)
                .hasMessage("height 500: not a positive multiple of 16 (VAE spatial factor 8 x patch 2 of "
                        + "wan2.1-t2v-1.3b); nearest valid: 496 or 512");
        assertThatThrownBy(() -> wan.geometry(81, null, 830)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("width 830:");
        assertThatThrownBy(() -> wan.geometry(0, null, null)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> registry.get("wan3")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("model 'wan3' is unknown (known: wan2.1-t2v-1.3b, ");
    }
}
