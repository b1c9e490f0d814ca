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

  record Result(int code, String out, String err) {
  }

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
    Files.writeString(dir.resolve("sparsity.csv"), "model,frames,density\nwan2.1-t2v-1.3b,81,1.0\nwan2.1-t2v-1.3b,321,0.259\n");
    Result r = run(dir.toString(), "--out", dir.resolve("report").toString(), "--max-heatmaps", "0",
        "--sparsity", dir.resolve("sparsity.csv").toString(), "--name", "dense-only");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("report: ").contains("report.html (12 jobs");
    assertThat(dir.resolve("report/report.html")).isRegularFile();
    assertThat(dir.resolve("report/charts/sparsity_vs_frames.png")).isRegularFile();
    assertThat(Files.readString(dir.resolve("report/report.html"))).contains("LVSA toolkit report: dense-only");
  }

  @Test
  void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Result missing = run(dir.resolve("nope.csv").toString(), "--out", dir.resolve("r").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("report: " + dir.resolve("nope.csv") + ": no such file or folder\n");

    Result noExport = run(dir.toString(), "--out", dir.resolve("r").toString());
    assertThat(noExport.code()).isEqualTo(2);
    assertThat(noExport.err().lines()).hasSize(1).first().asString().contains("no export.csv in this run folder");

    Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
    Result notExport = run(dir.resolve("other.csv").toString(), "--out", dir.resolve("r").toString());
    assertThat(notExport.code()).isEqualTo(2);
    assertThat(notExport.err()).contains("not a runner export: missing columns model, method, horizon, status")
        .doesNotContain("Exception").doesNotContain("\tat ");

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
