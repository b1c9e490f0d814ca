package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvsa-runner report}: a run folder (here one holding only an export, as a ledger-less copy of a run would)
 * becomes report.html with the sparsity chart computed through baselines; user text is escaped; bad folders exit 2.
 */
class ReportCommandTest {
    private static final String EXPORT = String.join("\n",
            "model,method,horizon,frames,prompt_id,seed,status,total_s,peak_memory_gb,density,composite_score,"
                    + "loop_quality,temporal_dynamics,frame_similarity,spatial_quality,temporal_coherence,prompt",
            "wan2.1-t2v-1.3b,dense,2,161,p1,0,ok,437.0,18.1,1.0,55.3,48.6,52.8,60.9,51.2,64.6,\"<script>alert(1)</script>\"",
            "wan2.1-t2v-1.3b,lvsa,2,161,p1,0,ok,307.7,18.3,0.52,60.0,61.2,60.9,65.0,53.9,59.2,a kite",
            "wan2.1-t2v-1.3b,dense,4,321,p1,0,oom,,,,,,,,,,a kite",
            "wan2.1-t2v-1.3b,lvsa,4,321,p1,0,ok,621.2,20.5,0.267,62.5,78.9,60.0,59.8,54.5,62.0,a kite",
            "");

    @Test
    void a_run_folder_becomes_a_self_contained_report(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("export.csv"), EXPORT);
        Cli.Result r = Cli.run("report", dir.toString(), "--max-heatmaps", "0");
        assertThat(r.code()).as(r.err()).isZero();
        Path html = dir.resolve("report").resolve("report.html");
        String page = Files.readString(html);
        assertThat(page).contains("wan2.1-t2v-1.3b").doesNotContain("<script>alert(1)</script>");
        assertThat(page).contains("&lt;script&gt;");
        assertThat(r.out()).contains("4 jobs");
        try (var charts = Files.list(dir.resolve("report").resolve("charts"))) {
            assertThat(charts.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("sparsity"));
        }
    }

    @Test
    void the_sparsity_series_comes_from_the_lvsa_planner() {
        var series = dev.lvsa.runner.export.SparsitySeries.defaultLvsa(java.util.List.of("wan2.1-t2v-1.3b", "nope"));
        assertThat(series).containsOnlyKeys("wan2.1-t2v-1.3b");
        var points = series.get("wan2.1-t2v-1.3b");
        assertThat(points.get(0).frames()).isEqualTo(81);
        assertThat(points.get(0).density()).isEqualTo(1.0);
        // 6x: the spec's 0.174 at offset 0, averaged over the 50 rotating steps
        var sixX = points.get(points.size() - 1);
        assertThat(sixX.frames()).isEqualTo(481);
        assertThat(sixX.density()).isBetween(0.174, 0.182);
    }

    @Test
    void a_folder_without_ledger_or_export_is_bad_input(@TempDir Path dir) {
        Cli.Result r = Cli.run("report", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("neither a ledger");
    }

    @Test
    void a_report_written_elsewhere_leaves_the_run_folder_as_it_was(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        try (dev.lvsa.runner.ledger.Ledger l = dev.lvsa.runner.ledger.Ledger.open(run)) {
            l.register(java.util.List.of(dev.lvsa.runner.ledger.LedgerTest.job("a")));
        }
        Path out = dir.resolve("elsewhere");
        Cli.Result r = Cli.run("report", run.toString(), "--out", out.toString(), "--max-heatmaps", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("export.csv")).exists();
        assertThat(run.resolve("export.csv")).doesNotExist();
        assertThat(run.resolve("report")).doesNotExist();
    }
}
