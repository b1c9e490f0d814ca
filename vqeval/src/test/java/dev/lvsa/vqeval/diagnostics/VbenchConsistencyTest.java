package dev.lvsa.vqeval.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VBench's consistency formula on hand-made feature vectors. */
class VbenchConsistencyTest {

    static FrameEmbeddings channel(EmbedderSpec.Kind kind, float[]... unitVectors) {
        EmbedderSpec spec = new EmbedderSpec(
                Path.of(kind.label() + ".onnx"), kind, "OnnxRuntime", 224, kind.crop, kind.mean(), kind.std());
        return new FrameEmbeddings(spec, 1, unitVectors, 224, 224, 0);
    }

    static float[] angle(double radians) {
        return new float[] {(float) Math.cos(radians), (float) Math.sin(radians)};
    }

    @Test
    void a_still_video_scores_one() {
        assertThat(VbenchConsistency.consistency(channel(EmbedderSpec.Kind.DINO, angle(0.3), angle(0.3), angle(0.3))))
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void each_frame_averages_its_similarity_to_the_previous_and_to_the_first_frame() {
        // frame 1: cos(0.2) to both; frame 2: cos(0.2) to frame 1, cos(0.4) to frame 0
        double expected = (Math.cos(0.2) + 0.5 * (Math.cos(0.2) + Math.cos(0.4))) / 2;
        assertThat(VbenchConsistency.consistency(channel(EmbedderSpec.Kind.DINO, angle(0), angle(0.2), angle(0.4))))
                .isCloseTo(expected, within(1e-6));
    }

    @Test
    void negative_similarities_count_as_zero() {
        // frame 1 points the other way: both terms clip to 0
        assertThat(VbenchConsistency.consistency(channel(EmbedderSpec.Kind.CLIP, angle(0), angle(Math.PI))))
                .isCloseTo(0.0, within(1e-6));
    }

    @Test
    void dino_gives_subject_and_clip_background_consistency_and_generic_neither() {
        Map<String, Object> m = VbenchConsistency.compute(
                List.of(
                        channel(EmbedderSpec.Kind.DINO, angle(0), angle(0)),
                        channel(EmbedderSpec.Kind.CLIP, angle(0), angle(0.5)),
                        channel(EmbedderSpec.Kind.GENERIC, angle(0), angle(1))),
                1);
        assertThat(m)
                .containsOnlyKeys(
                        "subject_consistency",
                        "subject_consistency_from",
                        "background_consistency",
                        "background_consistency_from");
        assertThat((Double) m.get("background_consistency")).isCloseTo(Math.cos(0.5), within(1e-6));
    }
}
