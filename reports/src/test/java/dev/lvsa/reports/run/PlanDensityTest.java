package dev.lvsa.reports.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planned density read from each LVSA job's own plan file, and the jobs whose realised density is not their
 * plan's, on the {@code density_run} fixture ({@link TestRuns#densityRun}).
 */
class PlanDensityTest {

    @Test
    void onlyTheJobThatRanEveryStepAndRealisedAnotherDensityIsAMismatch(@TempDir Path dir) {
        List<JobRecord> jobs =
                ExportCsv.read(TestRuns.densityRun(dir).resolve("export.csv")).jobs();
        // w2-65-p1 realised 0.5588235... against the plan's six-decimal 0.558824 (4.7e-7 apart: rounding);
        // w2-129-p1 ran 2 of its 4 steps and realised their mean 0.272727, not the all-step 0.287879
        List<DensityCheck.Mismatch> found = DensityCheck.mismatches(jobs);
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.job().jobId()).isEqualTo("w2-65-p2");
            assertThat(m.planned()).isEqualTo(0.558824);
            assertThat(m.realised()).isEqualTo(0.6102941176470589);
        });
        List<String> warnings = DensityCheck.warnings(jobs);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains(
                        "w2-65-p2",
                        "lvsa[window=2]",
                        "65 frames",
                        "realised 0.610294",
                        "its plan expects 0.558824",
                        "all its 4 steps");
    }

    @Test
    void theToleranceIsTheRoundingOfTheSixDecimalPlanFigureAndNoMore() {
        assertThat(Math.abs(0.5588235294117647 - 0.558824)).isLessThan(DensityCheck.TOLERANCE);
        assertThat(DensityCheck.TOLERANCE).isLessThan(1e-5);
    }

    @Test
    void manyMismatchesAreListedUpToALimitThenCounted(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder(
                "job_id,model,method,horizon,frames,status,density,expected_density," + "steps,steps_run\n");
        for (int i = 0; i < DensityCheck.LISTED + 3; i++) {
            csv.append("j").append(i).append(",tiny-wan,lvsa,2,65,ok,0.7,0.558824,4,4\n");
        }
        // an export from before steps_run was recorded: nothing to tell a full run from a partial one, not compared
        csv.append("old,tiny-wan,lvsa,2,65,ok,0.7,0.558824,4,\n");
        List<JobRecord> jobs = ExportCsv.parse(csv.toString(), "many.csv").jobs();
        assertThat(DensityCheck.mismatches(jobs)).hasSize(DensityCheck.LISTED + 3);
        List<String> warnings = DensityCheck.warnings(jobs);
        assertThat(warnings).hasSize(DensityCheck.LISTED + 1);
        assertThat(warnings.get(DensityCheck.LISTED)).startsWith("3 more job(s)");
    }

    @Test
    void eachJobsPlanFileGivesItsPlannedDensityAndAMissingOneIsSaid(@TempDir Path dir) {
        Path run = TestRuns.densityRun(dir);
        List<JobRecord> jobs = ExportCsv.read(run.resolve("export.csv")).jobs();
        PlannedDensity.Result r = PlannedDensity.read(jobs, run);
        assertThat(r.points())
                .containsExactly(
                        new PlannedDensity.Point("tiny-wan", "lvsa[window=2]", 65, 0.558824, TestRuns.PLAN_65),
                        new PlannedDensity.Point("tiny-wan", "lvsa[window=2]", 129, 0.287879, TestRuns.PLAN_129));
        assertThat(r.series()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("tiny-wan lvsa[window=2]");
            assertThat(s.points()).containsExactly(new SparsityPoint(65, 0.558824), new SparsityPoint(129, 0.287879));
        });
        // the 193-frame job's plan file is missing: no point, one warning; the dense job's plan is not read
        assertThat(r.warnings())
                .singleElement()
                .asString()
                .contains("1 LVSA job(s)", "missing", "tiny-wan_lvsa-window-2-_193f_64x96_4st.json");
    }

    @Test
    void withoutTheRunFolderOrAPlanColumnThereIsNoPointAndTheWarningSaysWhy(@TempDir Path dir) throws Exception {
        Path run = TestRuns.densityRun(dir);
        List<JobRecord> jobs = ExportCsv.read(run.resolve("export.csv")).jobs();
        PlannedDensity.Result noFolder = PlannedDensity.read(jobs, null);
        assertThat(noFolder.points()).isEmpty();
        assertThat(noFolder.warnings()).singleElement().asString().contains("5 LVSA job(s)", "no run folder");

        Files.writeString(run.resolve(TestRuns.PLAN_129), "{\"schema_version\": 1, \"expected\": {}}");
        PlannedDensity.Result noFigure = PlannedDensity.read(jobs, run);
        assertThat(noFigure.points()).extracting(PlannedDensity.Point::frames).containsExactly(65);
        assertThat(noFigure.warnings()).anySatisfy(w -> assertThat(w).contains("no expected.mean_frame_density"));

        List<JobRecord> noPlans =
                ExportCsv.parse(TestRuns.fullRunCsv(), "full.csv").jobs();
        PlannedDensity.Result old = PlannedDensity.read(noPlans, run);
        assertThat(old.points()).isEmpty();
        assertThat(old.warnings()).singleElement().asString().contains("names no plan file");
    }
}
