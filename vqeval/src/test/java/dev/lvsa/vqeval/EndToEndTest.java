package dev.lvsa.vqeval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.Preset;
import dev.lvsa.vqeval.api.SelfSimilarity;
import dev.lvsa.vqeval.api.VideoException;
import dev.lvsa.vqeval.api.Weights;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on tiny videos: a clip that keeps moving scores high on loop_quality, the same scene
 * looped scores low with the right period, a freeze is found where it starts, and the JSON keeps the
 * field names other tools read.
 */
class EndToEndTest {

    @TempDir
    static Path dir;

    static Path clean;
    static Path looped;
    static Path frozen;
    static final VqEval VQ = VqEval.builder().build();

    @BeforeAll
    static void videos() throws Exception {
        clean = TestVideos.write(dir.resolve("clean.mp4"), 128, 72, 90, 16, TestVideos.clean());
        looped = TestVideos.write(dir.resolve("loop.mp4"), 128, 72, 90, 16, TestVideos.loop(20));
        frozen = TestVideos.write(dir.resolve("freeze.mp4"), 128, 72, 90, 16, TestVideos.freeze(50));
    }

    @Test
    void cleanMotionIsNoLoop() throws Exception {
        EvaluationReport r = VQ.evaluate(clean);
        assertThat(r.info().frames()).isEqualTo(90);
        assertThat(r.loop().cycleDetected()).isFalse();
        assertThat(r.loop().freezeRatio()).isZero();
        assertThat(r.dimension("loop_quality").score()).isGreaterThan(90);
    }

    @Test
    void exactLoopIsFoundWithItsPeriod() throws Exception {
        EvaluationReport r = VQ.evaluate(looped);
        assertThat(r.loop().cycleDetected()).isTrue();
        assertThat(r.loop().cyclePeriodFrames()).isEqualTo(20);
        assertThat(r.loop().firstRepeatFrame()).isBetween(19, 21);
        assertThat(r.dimension("loop_quality").score()).isLessThan(20);
    }

    @Test
    void freezeIsFoundWhereItStarts() throws Exception {
        EvaluationReport r = VQ.evaluate(frozen);
        assertThat(r.loop().freezeOnsetFrame()).isBetween(48, 52);
        assertThat(r.loop().freezeRatio()).isBetween(0.4, 0.5);
        assertThat(r.loop().cycleDetected()).isFalse();
        assertThat(r.dimension("loop_quality").score()).isLessThan(30);
    }

    @Test
    void strideKeepsPeriodsInOriginalFrames() throws Exception {
        EvaluationReport r = VqEval.builder().optStride(2).build().evaluate(looped);
        assertThat(r.analysis().get("frames_analysed")).isEqualTo(45);
        assertThat(r.loop().cyclePeriodFrames()).isEqualTo(20);
    }

    @Test
    void jsonKeepsTheContractFieldNames() throws Exception {
        JsonNode j = new ObjectMapper().readTree(VQ.evaluate(looped).toJson());
        for (String f : new String[] {
            "video", "frames", "fps", "width", "height", "composite_score", "verdict", "analysis", "timing_ms"
        }) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        for (String d : new String[] {
            "loop_quality", "temporal_dynamics", "frame_similarity", "spatial_quality", "temporal_coherence"
        }) {
            JsonNode dim = j.path("dimensions").path(d);
            assertThat(dim.path("score").isNumber()).as(d).isTrue();
            assertThat(dim.path("verdict").isTextual()).as(d).isTrue();
            assertThat(dim.path("metrics").isObject()).as(d).isTrue();
        }
        JsonNode lq = j.path("dimensions").path("loop_quality");
        assertThat(lq.path("cycle_detected").asBoolean()).isTrue();
        assertThat(lq.path("cycle_period_frames").asInt()).isEqualTo(20);
        for (String f :
                new String[] {"first_repeat_frame", "duplicate_pair_ratio", "freeze_ratio", "freeze_onset_frame"}) {
            assertThat(lq.has(f)).as(f).isTrue();
        }
        for (String f : new String[] {
            "subject_consistency", "background_consistency", "temporal_flicker", "motion_smoothness", "dynamic_degree"
        }) {
            assertThat(j.path("diagnostics").path("vbench_like").path(f).isNumber())
                    .as(f)
                    .isTrue();
        }
        assertThat(j.path("diagnostics").path("published").has("norepeat")).isTrue();
        assertThat(j.path("diagnostics").path("published").has("repeat_ratio")).isTrue();
        // no cycle: the period is null, not absent
        JsonNode c = new ObjectMapper().readTree(VQ.evaluate(clean).toJson());
        assertThat(c.path("dimensions")
                        .path("loop_quality")
                        .get("cycle_period_frames")
                        .isNull())
                .isTrue();
    }

    @Test
    void weightsChangeTheComposite() throws Exception {
        EvaluationReport base = VQ.evaluate(looped);
        EvaluationReport loopOnly = VqEval.builder()
                .optWeights(Weights.of(Map.of(
                        "temporal_dynamics",
                        0.0,
                        "frame_similarity",
                        0.0,
                        "spatial_quality",
                        0.0,
                        "temporal_coherence",
                        0.0)))
                .build()
                .evaluate(looped);
        assertThat(loopOnly.compositeScore())
                .isEqualTo(loopOnly.dimension("loop_quality").score());
        assertThat(loopOnly.compositeScore()).isNotEqualTo(base.compositeScore());
    }

    @Test
    void presetRangesChangeTheScores() throws Exception {
        EvaluationReport base = VQ.evaluate(clean);
        Preset strict = new Preset(
                "strict",
                Map.of(
                        "spatial_quality.sharpness",
                        new NormRange(5000, 4000),
                        "temporal_dynamics.mean_flow_pct",
                        new NormRange(50, 40)),
                Map.of(),
                Map.of());
        EvaluationReport r = VqEval.builder().optPreset(strict).build().evaluate(clean);
        assertThat(r.dimension("spatial_quality").score())
                .isLessThan(base.dimension("spatial_quality").score());
        assertThat(r.dimension("temporal_dynamics").score())
                .isLessThan(base.dimension("temporal_dynamics").score());
        assertThat(r.dimension("spatial_quality").components().get("sharpness")).isZero();
        assertThat(r.analysis().get("preset")).isEqualTo("strict");
    }

    @Test
    void presetWithUnknownMetricIsRefused() {
        Preset bad = new Preset("bad", Map.of("loop_quality.no_such_metric", new NormRange(0, 1)), Map.of(), Map.of());
        assertThatThrownBy(() -> VqEval.builder().optPreset(bad).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_metric");
    }

    @Test
    void selfSimilarityShowsTheLoop() throws Exception {
        SelfSimilarity s = VQ.selfSimilarity(looped);
        assertThat(s.size()).isEqualTo(90);
        assertThat(s.periodFrames()).isEqualTo(20);
        assertThat(s.distance(5, 25)).isLessThan(s.distance(5, 15) / 4);
        assertThat(s.matrix()[3][3]).isZero();
    }

    @Test
    void otherContainersDecodeToo() throws Exception {
        Path mkv = TestVideos.write(dir.resolve("clip.mkv"), 96, 64, 40, 24, TestVideos.clean());
        Path avi = TestVideos.write(dir.resolve("clip.avi"), 96, 64, 40, 24, TestVideos.clean());
        assertThat(VQ.evaluate(mkv).info().frames()).isEqualTo(40);
        assertThat(VQ.evaluate(avi).info().frames()).isEqualTo(40);
    }

    @Test
    void paddedRowsDecodeToTheRightPixelsEveryTime() throws Exception {
        // 100 BGR pixels = 300 bytes: the decoder pads such rows; a reader that infers channels from the row
        // stride garbles the picture and picks up uninitialised padding
        Path odd = TestVideos.write(dir.resolve("odd.mp4"), 100, 60, 30, 16, TestVideos.clean());
        var first = VQ.analyseFrames(odd, "odd");
        var second = VQ.analyseFrames(odd, "odd");
        assertThat(second.lumaMean()).containsExactly(first.lumaMean());
        assertThat(java.util.Arrays.deepEquals(second.descriptors(), first.descriptors()))
                .isTrue();
        byte[] source = TestVideos.render(100, 60, 0);
        double expected = 0;
        for (int i = 0; i < source.length; i += 3) {
            expected += 0.114 * (source[i] & 0xff) + 0.587 * (source[i + 1] & 0xff) + 0.299 * (source[i + 2] & 0xff);
        }
        expected /= 100 * 60;
        assertThat(first.lumaMean()[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void sameVideoSameReport() throws Exception {
        String a = VQ.evaluate(looped).toJson().replaceAll("\"timing_ms\"[^}]*}", "");
        String b = VQ.evaluate(looped).toJson().replaceAll("\"timing_ms\"[^}]*}", "");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void missingFileIsAVideoException() {
        assertThatThrownBy(() -> VQ.evaluate(dir.resolve("nope.mp4")))
                .isInstanceOf(VideoException.class)
                .hasMessage("no such file");
    }
}
