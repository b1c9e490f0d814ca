package dev.lvsa.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.TestRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code report CSV_OR_RUN_DIR --out DIR}: exit codes and one-line errors. */
class ReportCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReportCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aRunFolderWithItsExportGivesAReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("export.csv"), TestRuns.oneMethodCsv("dense"));
        Result r = run(
                dir.toString(),
                "--out",
                dir.resolve("report").toString(),
                "--max-heatmaps",
                "0",
                "--name",
                "dense-only");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("report: ").contains("report.html (12 jobs");
        assertThat(dir.resolve("report/report.html")).isRegularFile();
        String html = Files.readString(dir.resolve("report/report.html"));
        assertThat(html).contains("LVSA toolkit report: dense-only");
        // no LVSA job: no density to plan or realise, and no default LVSA curve drawn in its place
        assertThat(dir.resolve("report/charts/sparsity_vs_frames.png")).doesNotExist();
        assertThat(html).contains("No sparsity chart");
    }

    @Test
    void theSparsityChartTakesEachJobsOwnPlanAndMismatchesAreWarnings(@TempDir Path dir) throws Exception {
        Path run = TestRuns.densityRun(dir.resolve("run"));
        Result r = run(
                run.resolve("export.csv").toString(),
                "--out",
                dir.resolve("report").toString(),
                "--max-heatmaps",
                "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("report/charts/sparsity_vs_frames.png")).isRegularFile();
        // the chart's planned points: the plan files' figures, found beside the CSV
        assertThat(Files.readAllLines(dir.resolve("report/tables/planned_density.csv")))
                .containsExactly(
                        "model,variant,frames,planned_density,plan",
                        "tiny-wan,lvsa[window=2],65,0.558824," + TestRuns.PLAN_65,
                        "tiny-wan,lvsa[window=2],129,0.287879," + TestRuns.PLAN_129);
        String html = Files.readString(dir.resolve("report/report.html"));
        String warnings = html.substring(
                html.indexOf("What this report could not show"),
                html.indexOf("</div>", html.indexOf("What this report could not show")));
        assertThat(warnings)
                .contains("job w2-65-p2")
                .contains("realised 0.610294")
                .contains("expects 0.558824")
                .contains("tiny-wan_lvsa-window-2-_193f_64x96_4st.json")
                .doesNotContain("w2-65-p1")
                .doesNotContain("w2-129-p1");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Result missing = run(
                dir.resolve("nope.csv").toString(), "--out", dir.resolve("r").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("report: " + dir.resolve("nope.csv") + ": no such file or folder\n");

        Result noExport = run(dir.toString(), "--out", dir.resolve("r").toString());
        assertThat(noExport.code()).isEqualTo(2);
        assertThat(noExport.err().lines()).hasSize(1).first().asString().contains("no export.csv in this run folder");

        Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        Result notExport = run(
                dir.resolve("other.csv").toString(), "--out", dir.resolve("r").toString());
        assertThat(notExport.code()).isEqualTo(2);
        assertThat(notExport.err())
                .contains("not a runner export: missing columns model, method, horizon, status")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");

        Result negative = run(dir.resolve("other.csv").toString(), "--out", "x", "--max-heatmaps", "-1");
        assertThat(negative.code()).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("CSV_OR_RUN_DIR").contains("--out=DIR").contains("--max-heatmaps");
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("report ").contains("(lvsa-toolkit reports)");
        assertThat(run().code()).as("missing arguments").isEqualTo(2);
    }
}
