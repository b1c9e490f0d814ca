package dev.lvsa.reports;

import static dev.lvsa.reports.TestRuns.WAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.reports.run.ExportCsv;
import dev.lvsa.reports.run.RunGrid;
import dev.lvsa.reports.table.PaperTables;
import dev.lvsa.reports.table.ReportTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partial run with LVSA only still gives every table and a page; speedups over absent baselines are n/a. */
class OneMethodRunTest {

    @Test
    void lvsaOnly(@TempDir Path dir) throws Exception {
        ExportCsv.Result export = ExportCsv.parse(TestRuns.oneMethodCsv("lvsa"), "lvsa-only.csv");
        RunGrid grid = new RunGrid(export.jobs());
        assertThat(grid.methods()).containsExactly("lvsa");

        ReportTable mc = PaperTables.methodComparison(grid, TestRuns.paper(grid));
        Map<String, dev.lvsa.reports.table.Cell> r =
                mc.row("model", WAN, "horizon", "4x", "method", "lvsa").orElseThrow();
        assertThat(r.get("latency_s_run").text()).isEqualTo("332.0");
        assertThat(r.get("latency_s_paper").text()).isEqualTo("786.7");
        assertThat(r.get("speedup_vs_dense_run").text()).isEqualTo("n/a");
        assertThat(r.get("speedup_vs_dense_paper").text())
                .as("the paper still has its own speedup")
                .isEqualTo("1.83");
        assertThat(r.get("speedup_vs_dense_ratio").text()).isEqualTo("—");
        assertThat(r.get("speedup_vs_riflex_run").text()).isEqualTo("n/a");
        assertThat(mc.rowCount()).isEqualTo(6);

        ReportTable scaling = PaperTables.latencyScaling(grid, TestRuns.paper(grid));
        assertThat(scaling.row("model", WAN, "horizon", "2x")
                        .orElseThrow()
                        .get("dense_s_run")
                        .text())
                .isEqualTo("—");

        ReportOutput o = ReportWriter.write(
                ReportInput.builder().jobs(export.jobs()).maxHeatmaps(0).build(), dir);
        String html = Files.readString(o.html());
        assertThat(html).contains("No speedup chart: this run has no dense baseline to compare with");
        assertThat(html).contains("Heatmaps were switched off");
        assertThat(dir.resolve("charts/latency_scaling_wan2.1-t2v-1.3b.png")).isRegularFile();
        assertThat(dir.resolve("tables/peak_memory.csv")).isRegularFile();
    }
}
