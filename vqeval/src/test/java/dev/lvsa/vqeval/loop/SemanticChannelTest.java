package dev.lvsa.vqeval.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.vqeval.api.EmbedderSpec;
import dev.lvsa.vqeval.api.FrameEmbeddings;
import dev.lvsa.vqeval.api.RepeatEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learned-feature channel of the repeat model: its recurrence plot, and how its events merge. */
class SemanticChannelTest {

    /** Unit vectors on a slow random walk (new content), then the same walk again from frame {@code lag}. */
    static FrameEmbeddings replayed(int frames, int lag, int dims, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[frames][];
        float[] x = new float[dims];
        for (int i = 0; i < frames; i++) {
            if (i >= lag) {
                v[i] = v[i - lag].clone();
                continue;
            }
            for (int k = 0; k < dims; k++) {
                x[k] += (float) r.nextGaussian() * 0.3f;
            }
            v[i] = unit(x);
        }
        EmbedderSpec spec = new EmbedderSpec(
                Path.of("m.onnx"),
                EmbedderSpec.Kind.GENERIC,
                "OnnxRuntime",
                224,
                true,
                EmbedderSpec.Kind.GENERIC.mean(),
                EmbedderSpec.Kind.GENERIC.std());
        return new FrameEmbeddings(spec, 1, v, 224, 224, 0);
    }

    static float[] unit(float[] x) {
        double s = 0;
        for (float f : x) {
            s += f * f;
        }
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (float) (x[k] / Math.sqrt(s));
        }
        return out;
    }

    @Test
    void distances_are_in_units_of_the_clips_own_spread() {
        SemanticMatrix m = SemanticMatrix.of(replayed(120, 60, 16, 1), 1);
        assertThat(m.size()).isEqualTo(120);
        assertThat(m.distance(10, 70)).as("a replayed frame matches its source").isLessThan(0.01);
        assertThat(m.distance(10, 40))
                .as("frames apart differ by about the spread")
                .isGreaterThan(0.3);
    }

    @Test
    void a_replay_of_learned_features_is_a_line_at_its_lag() {
        SemanticMatrix m = SemanticMatrix.of(replayed(200, 90, 16, 2), 1);
        List<ReplayFinder.Line> lines = new ReplayFinder(m, SemanticMatrix.HILL_MIN, 8, 24, 3).find();
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(RepeatEvent.Kind.REPLAY);
            assertThat(l.lagOrSum()).isEqualTo(90);
            assertThat(l.start()).isBetween(90, 100);
        });
    }

    @Test
    void features_that_never_return_make_no_line() {
        SemanticMatrix m = SemanticMatrix.of(replayed(200, 1000, 16, 3), 1);
        assertThat(new ReplayFinder(m, SemanticMatrix.HILL_MIN, 8, 24, 3).find())
                .isEmpty();
    }

    @Test
    void an_event_both_channels_find_is_one_event_naming_both() {
        List<RepeatEvent> events = new ArrayList<>();
        events.add(new RepeatEvent(RepeatEvent.Kind.REPLAY, 100, 199, 0, 100, 0.9, "structure"));
        SemanticReplays.merge(
                events, new RepeatEvent(RepeatEvent.Kind.REPLAY, 104, 199, 4, 101, 0.8, "semantic:dino"), 1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.found()).isEqualTo("structure+semantic:dino");
            assertThat(e.lag()).as("the pixel channel's numbers stay").isEqualTo(100);
        });
        SemanticReplays.merge(
                events, new RepeatEvent(RepeatEvent.Kind.REPLAY, 120, 199, 60, 60, 0.8, "semantic:clip"), 1);
        assertThat(events).as("another lag is another event").hasSize(2);
        SemanticReplays.merge(
                events, new RepeatEvent(RepeatEvent.Kind.PINGPONG, 300, 340, 280, 40, 0.8, "semantic:clip"), 1);
        assertThat(events).hasSize(3);
    }
}
