package dev.lvsa.vqeval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.vqeval.TestVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code vqeval evaluate}: JSON out, documented exit codes, and one clear line for every kind of bad input
 * (never a stack trace).
 */
class CliTest {

    @TempDir
    static Path dir;

    static Path clean;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = VqevalCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void fixtures() throws Exception {
        clean = TestVideos.write(dir.resolve("clean.mp4"), 96, 64, 48, 16, TestVideos.clean());
        Files.write(dir.resolve("empty.mp4"), new byte[0]);
        Files.writeString(dir.resolve("text.mp4"), "this is not a video\n");
        byte[] whole = Files.readAllBytes(clean);
        Files.write(dir.resolve("cut-index.mp4"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Path fast = TestVideos.write(dir.resolve("fast.mp4"), 96, 64, 48, 16, TestVideos.clean(), "mpeg4", true);
        byte[] f = Files.readAllBytes(fast);
        Files.write(dir.resolve("cut-data.mp4"), java.util.Arrays.copyOf(f, f.length / 2));
        TestVideos.write(dir.resolve("one-frame.mp4"), 96, 64, 1, 16, TestVideos.clean());
        TestVideos.write(dir.resolve("tiny.mkv"), 8, 8, 10, 16, TestVideos.clean(), "ffv1", false);
        TestVideos.write(dir.resolve("huge.mkv"), 16400, 16, 3, 16, TestVideos.clean(), "ffv1", false);
        TestVideos.write(dir.resolve("strip.mkv"), 4000, 16, 3, 16, TestVideos.clean(), "ffv1", false);
        TestVideos.write(dir.resolve("short.mp4"), 96, 64, 5, 16, TestVideos.clean());
        Files.createSymbolicLink(dir.resolve("dangling.mp4"), dir.resolve("gone.mp4"));
    }

    @Test
    void evaluate_reports_progress_on_stderr_when_asked_and_stays_silent_otherwise() throws Exception {
        Path json = dir.resolve("progress.json");
        Run lines = run("evaluate", clean.toString(), "--progress", "lines", "--json", json.toString());
        assertThat(lines.code()).isZero();
        List<String> shown = lines.err().lines().toList();
        assertThat(shown)
                .as("a line when the bar starts and one at the end, no repeats")
                .hasSizeBetween(1, 2)
                .doesNotHaveDuplicates();
        assertThat(shown.get(shown.size() - 1))
                .startsWith("vqeval: clean.mp4 100% [")
                .contains("48/48 frames")
                .endsWith("analysing");
        Run quiet = run("evaluate", clean.toString(), "--json", json.toString());
        assertThat(quiet.err()).as("no terminal, no progress by default").isEmpty();
    }

    @Test
    void evaluatePrintsTheJsonReport() throws Exception {
        Run r = run("evaluate", clean.toString());
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("frames").asInt()).isEqualTo(48);
        assertThat(j.path("video").asText()).isEqualTo(clean.toString());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void evaluateWritesJsonAtomicallyWhenAsked() throws Exception {
        Path out = dir.resolve("reports/clean.json");
        Run r = run("evaluate", clean.toString(), "--json", out.toString(), "--profiles");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("composite").contains("loop_quality");
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.path("profiles").path("flow_pct").size()).isEqualTo(48);
    }

    @Test
    void anUnwritableJsonTargetIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run underFile = run(
                "evaluate", clean.toString(), "--json", file.resolve("r.json").toString());
        assertThat(underFile.code()).isEqualTo(2);
        assertThat(underFile.err().strip())
                .startsWith("vqeval: --json")
                .contains("is a file, not a folder")
                .doesNotContain("Exception");
        Run folder = run("evaluate", clean.toString(), "--json", dir.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder, not a file");
    }

    @Test
    void noSubcommandIsAUsageErrorAndATypoGetsASuggestion() {
        Run none = run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err())
                .contains("a subcommand is required")
                .contains("evaluate")
                .contains("validate");
        Run typo = run("evalute", clean.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean evaluate");
    }

    @Test
    void minScoreTurnsALowScoreIntoExitOne() {
        Run r = run("evaluate", clean.toString(), "--min-score", "101");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("below --min-score");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing.mp4 | no such file",
                "empty.mp4 | empty file (0 bytes)",
                "text.mp4 | not a video: the file holds text",
                "cut-index.mp4 | moov atom not found",
                "cut-data.mp4 | truncated: the stream ends after",
                "one-frame.mp4 | too short to judge: only 1 frame",
                "tiny.mkv | absurd frame size 8x8",
                "huge.mkv | absurd frame size 16400x16",
                "strip.mkv | aspect ratio of 250:1",
                "short.mp4 | too short to judge: only 5 frames",
                "dangling.mp4 | broken symbolic link"
            })
    void badInputIsOneLineAndExitTwo(String file, String cause) {
        Path p = dir.resolve(file);
        Run r = run("evaluate", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("vqeval: " + p + ": ").contains(cause);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--weights=loop_quality=-1 | must be a finite number >= 0",
                "--weights=colour=1 | unknown dimension 'colour'",
                "--weights=loop_quality=0,temporal_dynamics=0,frame_similarity=0,spatial_quality=0,temporal_coherence=0 "
                        + "| all dimension weights are 0",
                "--stride=0 | stride must be >= 1",
                "--preset=nope.json | nope.json"
            })
    void badOptionsAreUsageErrors(String option, String message) {
        Run r = run("evaluate", clean.toString(), option);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("evaluate", "--bogus", clean.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("--help");
    }

    @Test
    void helpAndVersionEverywhere() {
        for (String cmd : new String[] {"evaluate", "batch", "calibrate", "bench"}) {
            assertThat(run(cmd, "--help").code()).isZero();
            assertThat(run(cmd, "--version").out()).startsWith("vqeval ");
        }
        assertThat(run("--help").out()).contains("evaluate").contains("batch").contains("calibrate");
    }

    @Test
    void benchPrintsEachRunAndTheMedian() {
        Run r = run("bench", clean.toString(), "--runs", "3", "--warmup", "1");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("run 1:").contains("run 3:").contains("median");
    }
}
