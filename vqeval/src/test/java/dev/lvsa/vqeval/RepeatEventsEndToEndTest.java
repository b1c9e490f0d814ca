package dev.lvsa.vqeval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.RepeatEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repeat model through the whole pipeline (encode, decode, analyse, JSON): a single late replay of the
 * opening becomes one replay event with its lag and the derived fields; a 16-at-24 fps cadence is reported
 * in diagnostics.cadence, not as stutter, and the other dimensions score the de-duplicated frames.
 */
class RepeatEventsEndToEndTest {

    @TempDir
    Path dir;

    private final VqEval vq = VqEval.builder().build();

    @Test
    void aLateReplayOfTheOpeningIsOneReplayEvent() throws Exception {
        // 150 frames of new motion, then the opening again for 40 frames: a lag of 150 (79% of the clip)
        Path clip = TestVideos.write(dir.resolve("late.mp4"), 128, 72, 190, 24, i -> i < 150 ? i : i - 150);
        EvaluationReport r = vq.evaluate(clip);
        assertThat(r.loop().events())
                .filteredOn(e -> e.kind() == RepeatEvent.Kind.REPLAY)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.lag()).isEqualTo(150);
                    assertThat(e.start()).isBetween(149, 153);
                    assertThat(e.end()).isEqualTo(189);
                });
        assertThat(r.loop().cyclePeriodFrames()).isEqualTo(150);
        assertThat(r.loop().firstRepeatFrame()).isBetween(149, 153);
        assertThat(r.dimension("loop_quality").score()).isLessThan(50);
        JsonNode json = new ObjectMapper().readTree(r.toJson(false));
        JsonNode event = json.at("/dimensions/loop_quality/events/0");
        assertThat(event.get("kind").asText()).isEqualTo("replay");
        assertThat(event.get("lag").asInt()).isEqualTo(150);
        assertThat(event.get("found_by").asText()).isEqualTo("structure");
    }

    @Test
    void aFrameRateCadenceIsNamedAndNotStutter() throws Exception {
        // 16 source frames per second shown at 24: every third frame repeats the one before
        Path clip = TestVideos.write(dir.resolve("cadence.mp4"), 128, 72, 144, 24, i -> 1.5 * ((2 * i) / 3));
        EvaluationReport r = vq.evaluate(clip);
        assertThat(r.loop().cadence()).isNotNull();
        assertThat(r.loop().cadence().periodFrames()).isEqualTo(3);
        assertThat(r.loop().cadence().likelySourceFps()).isEqualTo(16.0);
        assertThat(r.loop().stutterRatio()).isZero();
        assertThat(r.analysis().get("frames_scored")).isEqualTo(96);
        JsonNode json = new ObjectMapper().readTree(r.toJson(false));
        assertThat(json.at("/diagnostics/cadence/likely_source_fps").asDouble()).isEqualTo(16.0);
        assertThat(r.dimension("loop_quality").score()).isEqualTo(100.0);
    }
}
