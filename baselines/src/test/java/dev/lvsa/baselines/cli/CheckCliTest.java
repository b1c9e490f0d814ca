package dev.lvsa.baselines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pattern check}: passing and failing candidates over a grid, JSON rows, exit codes 0 and 1. */
class CheckCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_smaller_budget_passes_the_density_ratio_against_lvsa(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("check.json");
        CliRun r = CliRun.of(
                "check",
                "--candidate",
                "lvsa:sparsity_scale=0.8",
                "--baseline",
                "lvsa",
                "--models",
                "wan2.1-t2v-1.3b,hunyuanvideo-1.5-480p",
                "--horizons",
                "2,4",
                "--steps",
                "12",
                "--max-density-ratio",
                "1.0",
                "--require-full-coverage",
                "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("pass").asBoolean()).isTrue();
        assertThat(report.get("cells")).hasSize(4);
        JsonNode cell = report.get("cells").get(0);
        assertThat(cell.get("video_frames").asInt()).isEqualTo(161);
        assertThat(cell.get("density_ratio").asDouble()).isLessThan(1.0);
        // B = floor(21 x 0.8) = 16: kfi 5 -> 9 anchors + 7 window frames
        assertThat(cell.at("/candidate/kfi").asInt()).isEqualTo(5);
        assertThat(cell.at("/candidate/budget/min").asInt()).isEqualTo(16);
        assertThat(report.get("failures")).isEmpty();
        assertThat(JSON.readTree(Files.readString(out))).isEqualTo(report);
        assertThat(r.err()).contains("check passed: 4 cells");
    }

    /**
     * A narrower window is not sparser: the automatic kfi keeps the budget by adding anchors, and at 4x it
     * overshoots (kfi 5 instead of 6). The check catches it in that one cell.
     */
    @Test
    void a_narrower_window_is_denser_at_4x_and_the_check_says_where() throws Exception {
        CliRun r = CliRun.of(
                "check",
                "--candidate",
                "lvsa:window=2",
                "--horizons",
                "2,4",
                "--steps",
                "12",
                "--max-density-ratio",
                "1.0");
        assertThat(r.code()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.at("/cells/0/pass").asBoolean()).isTrue();
        assertThat(report.at("/cells/1/pass").asBoolean()).isFalse();
        assertThat(report.get("failures")).hasSize(1);
        assertThat(report.get("failures").get(0).asText()).startsWith("wan2.1-t2v-1.3b @ 321 frames: mean density");
    }

    @Test
    void dense_fails_a_density_ratio_against_lvsa() throws Exception {
        CliRun r = CliRun.of(
                "check", "--candidate", "dense", "--frames", "161,321", "--steps", "6", "--max-density-ratio", "1.0");
        assertThat(r.code()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("pass").asBoolean()).isFalse();
        assertThat(report.get("failures")).hasSize(2);
        assertThat(report.get("failures").get(0).asText()).startsWith("wan2.1-t2v-1.3b @ 161 frames: mean density");
        assertThat(r.err()).contains("check FAILED: 2 of 2 cells");
    }

    @Test
    void fixed_anchors_fail_full_coverage_and_budgets_are_bounded() throws Exception {
        CliRun fixed = CliRun.of(
                "check",
                "--candidate",
                "lvsa:rotate=false",
                "--horizons",
                "4",
                "--steps",
                "50",
                "--require-full-coverage");
        assertThat(fixed.code()).isEqualTo(1);
        assertThat(JSON.readTree(fixed.out()).get("failures").get(0).asText())
                .contains("frames never become an anchor in 50 steps");
        CliRun budget = CliRun.of(
                "check",
                "--candidate",
                "lvsa",
                "--horizons",
                "2,4,6",
                "--steps",
                "10",
                "--budget-min",
                "21",
                "--budget-max",
                "22");
        assertThat(budget.code()).as(budget.out()).isZero();
        CliRun tight =
                CliRun.of("check", "--candidate", "lvsa", "--horizons", "2", "--steps", "10", "--budget-max", "21");
        assertThat(tight.code()).isEqualTo(1);
    }

    @Test
    void a_spec_file_is_a_candidate() throws Exception {
        Path spec =
                Path.of(getClass().getResource("/specs/window5-anchors8.json").toURI());
        CliRun r = CliRun.of(
                "check",
                "--candidate",
                spec.toString(),
                "--horizons",
                "6",
                "--steps",
                "8",
                "--max-density",
                "0.25",
                "--require-full-coverage");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(JSON.readTree(r.out()).at("/cells/0/candidate/method").asText())
                .isEqualTo("window5-anchors8");
    }
}
