package dev.lvsa.baselines.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lvsa.baselines.method.DenseMethod;
import dev.lvsa.baselines.method.LvsaMethod;
import dev.lvsa.baselines.method.PatternMethod;
import dev.lvsa.baselines.model.Geometry;
import dev.lvsa.baselines.model.ModelRegistry;
import dev.lvsa.baselines.pattern.LvsaParams;
import dev.lvsa.baselines.pattern.PatternSpec;
import org.junit.jupiter.api.Test;

/** The analysis of a method over a job, on cases whose figures are known. */
class PatternAnalyzerTest {
    private static Geometry geometry(String model, int frames) {
        return ModelRegistry.standard().get(model).geometry(frames, null, null);
    }

    @Test
    void lvsa_at_6x_on_wan_1_3b() {
        AnalysisReport r = PatternAnalyzer.analyze(
                new LvsaMethod(LvsaParams.defaults()).plan(geometry("wan2.1-t2v-1.3b", 481), 50), 2);
        assertThat(r.latentFrames()).isEqualTo(121);
        assertThat(r.tokensPerFrame()).isEqualTo(1560);
        assertThat(r.kfi()).isEqualTo(9);
        assertThat(r.density()).isCloseTo(21.0 / 121, within(1e-12));
        assertThat(r.budget().min()).isEqualTo(21);
        assertThat(r.budget().max()).isEqualTo(22); // offsets whose grid misses frame 0 add one anchor
        assertThat(r.anchorFullCoverageStep()).isEqualTo(8); // offsets 0..8 by step 8
        assertThat(r.anchorCountPerFrame()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        assertThat(r.anchorCountPerFrame().get(0)).isEqualTo(50); // n_first anchor at every step
        assertThat(r.attentionComputeReduction()).isCloseTo(1 / r.meanDensity(), within(1e-9));
        assertThat(r.computeReduction()).isBetween(1.0, r.attentionComputeReduction());
        assertThat(r.attentionFlopsDense()).isEqualTo(2 * 50 * 30 * 4.0 * Math.pow(121 * 1560.0, 2) * 1536);
    }

    @Test
    void dense_is_the_reference_point() {
        AnalysisReport r = PatternAnalyzer.analyze(new DenseMethod().plan(geometry("wan2.1-t2v-1.3b", 161), 50), 2);
        assertThat(r.meanDensity()).isEqualTo(1.0);
        assertThat(r.computeReduction()).isEqualTo(1.0);
        assertThat(r.anchorFullCoverageStep()).isZero();
        assertThat(r.kfi()).isNull();
    }

    @Test
    void without_rotation_most_frames_never_become_anchors() {
        AnalysisReport r = PatternAnalyzer.analyze(
                new LvsaMethod(LvsaParams.defaults().withRotate(false)).plan(geometry("wan2.1-t2v-1.3b", 161), 50), 2);
        assertThat(r.anchorFullCoverageStep()).isNull();
        assertThat(r.anchorCountPerFrame().stream().filter(n -> n == 0).count()).isEqualTo(41 - 14);
    }

    /**
     * Token level with text tokens, by hand on tiny-hv15 (P=24, L=16 text tokens, T=17) with a diagonal mask
     * (each query frame attends itself only): attended pairs = 24^2 x 17 (video) + 2 x 408 x 16 (video queries to
     * text keys, text queries to video keys) + 16^2 (text to text) = 9,792 + 13,056 + 256 = 23,104 of
     * (408 + 16)^2 = 179,776.
     */
    @Test
    void token_density_counts_text_tokens() {
        AnalysisReport r = PatternAnalyzer.analyze(
                new PatternMethod(PatternSpec.resolve("window:half_width=0")).plan(geometry("tiny-hv15", 65), 4), 2);
        assertThat(r.density()).isCloseTo(1.0 / 17, within(1e-12));
        assertThat(r.tokenDensity()).isCloseTo(23_104.0 / 179_776.0, within(1e-12));
        assertThat(r.architectureNominal()).isTrue();
    }

    @Test
    void cfg_passes_scale_flops_linearly() {
        var plan = new LvsaMethod(LvsaParams.defaults()).plan(geometry("wan2.1-t2v-14b", 321), 10);
        AnalysisReport one = PatternAnalyzer.analyze(plan, 1);
        AnalysisReport two = PatternAnalyzer.analyze(plan, 2);
        assertThat(two.transformerFlops()).isCloseTo(2 * one.transformerFlops(), within(1e3));
        assertThat(two.computeReduction()).isCloseTo(one.computeReduction(), within(1e-12));
    }
}
