package dev.lvsa.vqeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.common.ExitCodes;
import dev.lvsa.vqeval.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vqeval validate} end to end on three tiny clips whose truth is known by construction: a loop of
 * period 20 from frame 20, a freeze from frame 50, clean motion. Right labels meet the goals (exit 0); a
 * wrong period is a listed disagreement (exit 1); bad input is one line (exit 2).
 */
class ValidateCliTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void clips() throws Exception {
        TestVideos.write(dir.resolve("loop.mp4"), 128, 72, 120, 16, TestVideos.loop(20));
        TestVideos.write(dir.resolve("freeze.mp4"), 128, 72, 120, 16, TestVideos.freeze(50));
        TestVideos.write(dir.resolve("clean.mp4"), 128, 72, 120, 16, TestVideos.clean());
    }

    private static Path labels(String name, String period) throws Exception {
        return Files.writeString(
                dir.resolve(name),
                "file,label,period_frames,onset_frame\n" + "loop.mp4,loop," + period
                        + ",20\nfreeze.mp4,freeze,,50\nclean.mp4,clean,,\n");
    }

    @Test
    void rightLabelsMeetTheGoalsAndTheFilesAreWritten() throws Exception {
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run(
                "validate",
                dir.toString(),
                "--labels",
                labels("right.csv", "20").toString(),
                "--period-tolerance",
                "2",
                "--loop-onset-tolerance",
                "4",
                "--freeze-onset-tolerance",
                "4",
                "--quiet",
                "--out",
                out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("goals met")
                .contains("loop periods within 2 frames")
                .contains("1/1");
        JsonNode v = new ObjectMapper().readTree(out.resolve("validation.json").toFile());
        assertThat(v.get("auroc").asDouble()).isEqualTo(1.0);
        assertThat(v.get("goals_met").asBoolean()).isTrue();
        assertThat(out.resolve("validation.csv")).exists();
        assertThat(out.resolve("videos").resolve("loop.mp4.json")).exists();
    }

    @Test
    void aWrongPeriodIsADisagreementAndExitOne() throws Exception {
        CliTest.Run r = CliTest.run(
                "validate",
                dir.toString(),
                "--labels",
                labels("wrong.csv", "40").toString(),
                "--period-tolerance",
                "2",
                "--quiet");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).contains("period 20, labelled 40").contains("goals NOT met");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        CliTest.Run missing = CliTest.run(
                "validate", dir.toString(), "--labels", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--labels").contains("no such file");
        CliTest.Run tolerance = CliTest.run(
                "validate",
                dir.toString(),
                "--labels",
                labels("t.csv", "20").toString(),
                "--period-tolerance",
                "a lot");
        assertThat(tolerance.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tolerance.err()).contains("--period-tolerance");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliTest.Run out = CliTest.run(
                "validate", dir.toString(), "--labels", labels("o.csv", "20").toString(), "--out", file.toString());
        assertThat(out.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.err()).contains("--out").contains("not a folder");
    }
}
