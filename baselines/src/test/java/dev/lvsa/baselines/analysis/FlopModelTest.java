package dev.lvsa.baselines.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.model.ModelRegistry;
import org.junit.jupiter.api.Test;

/** FLOP formulas checked against numbers worked out by hand. */
class FlopModelTest {

    /**
     * Wan 2.1 1.3B at 81 frames (1x), 480x832: N = 21 x 1560 = 32,760 video tokens, d = a = 1536, ffn 8960, 512
     * cross-attention text tokens. One block, by hand:
     * core 4 N^2 a = 4 x 1,073,217,600 x 1536 = 6,593,848,934,400;
     * projections 8 N d a = 618,324,295,680;
     * cross-attention 4 N d a + 4 x 512 d a + 4 N 512 a = 309,162,147,840 + 4,831,838,208 + 103,054,049,280;
     * FFN 4 N d f = 1,803,445,862,400. 30 blocks.
     */
    @Test
    void dense_wan_1_3b_at_1x_by_hand() {
        Geometry g = ModelRegistry.standard().get("wan2.1-t2v-1.3b").geometry(81, null, null);
        FlopCount f = FlopModel.denseForwardFlops(g);
        assertThat(f.selfAttention()).isEqualTo(30 * 6_593_848_934_400.0);
        assertThat(f.projections()).isEqualTo(30 * 618_324_295_680.0);
        assertThat(f.crossAttention()).isEqualTo(30 * (309_162_147_840.0 + 4_831_838_208.0 + 103_054_049_280.0));
        assertThat(f.ffn()).isEqualTo(30 * 1_803_445_862_400.0);
        // self-attention is about 70% of a dense step at 1x (PERFORMANCE.md measured 68% of the time)
        assertThat(f.selfAttention() / f.total()).isCloseTo(0.70, within(0.01));
    }

    /** PERFORMANCE.md counts 4 N^2 d heads per attention call: the same figure for one layer. */
    @Test
    void one_layer_matches_the_performance_notes_convention() {
        Geometry g = ModelRegistry.standard().get("wan2.1-t2v-1.3b").geometry(161, null, null);
        double n = 63_960;
        assertThat(FlopModel.denseSelfAttentionFlops(g) / 30).isEqualTo(4 * n * n * 128 * 12);
    }

    /** Dual-stream HunyuanVideo 1.5: text tokens get projections and FFN and join the attention. */
    @Test
    void hunyuan_counts_text_in_both_streams() {
        Geometry g = ModelRegistry.standard().get("hunyuanvideo-1.5-480p").geometry(129, null, null);
        double n = 33 * 1590 + 1985;
        FlopCount f = FlopModel.denseForwardFlops(g);
        assertThat(f.selfAttention()).isEqualTo(54 * 4 * n * n * 2048);
        assertThat(f.projections()).isEqualTo(54 * 8 * n * 2048 * 2048);
        assertThat(f.ffn()).isEqualTo(54 * 4 * n * 2048 * 8192);
        assertThat(f.crossAttention()).isZero();
    }

    @Test
    void a_sparse_mask_counts_only_attended_pairs() {
        Geometry g = ModelRegistry.standard().get("wan2.1-t2v-1.3b").geometry(161, null, null);
        long framePairs = 41 * 21; // 21 key frames per query frame
        assertThat(FlopModel.selfAttentionFlops(g, framePairs))
                .isEqualTo(30 * 4.0 * framePairs * 1560.0 * 1560.0 * 1536);
    }
}
