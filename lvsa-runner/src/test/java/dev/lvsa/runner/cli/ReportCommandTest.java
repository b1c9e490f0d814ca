package dev.lvsa.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.experiment.ExperimentLoader;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.schedule.RunPreparer;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvsa-runner report}: a run folder (here one holding only an export, as a ledger-less copy of a run would)
 * becomes report.html; the sparsity chart's planned densities are the run's own plan files; user text is escaped; bad
 * folders exit 2.
 */
class ReportCommandTest {
    private static final String EXPORT = String.join(
            "\n",
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
    void the_planned_density_is_each_jobs_own_plan_not_the_default_lvsa(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(dir, "exp.yaml", """
                models: [{name: wan2.1-t2v-1.3b, weights: dummy}]
                methods: [lvsa, {method: lvsa, window: 2}]
                horizons: [2]
                prompt_sets: [demo-1]
                steps: 4
                """);
        Path run = dir.resolve("run");
        try (Ledger ledger = Ledger.open(run)) {
            RunPreparer.prepare(ExperimentLoader.load(exp), run, ledger); // plans written, jobs pending
        }
        Cli.Result r = Cli.run("report", run.toString(), "--max-heatmaps", "0");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(run.resolve("report/tables/planned_density.csv"));
        assertThat(rows.get(0)).isEqualTo("model,variant,frames,planned_density,plan");
        Map<String, Double> planned = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            // each point is the figure its job's plan file holds
            double inPlan = new ObjectMapper()
                    .readTree(run.resolve(cells[4]).toFile())
                    .at("/expected/mean_frame_density")
                    .asDouble();
            assertThat(Double.parseDouble(cells[3])).as(row).isEqualTo(inPlan);
            assertThat(cells[2]).isEqualTo("161");
            planned.put(cells[1], inPlan);
        }
        assertThat(planned).containsOnlyKeys("lvsa", "lvsa[window=2]");
        // window 2 attends less than the default window at 161 frames: a default-LVSA curve would show 0.518
        assertThat(planned.get("lvsa[window=2]")).isLessThan(planned.get("lvsa") - 0.01);
        assertThat(run.resolve("report/charts/sparsity_vs_frames.png")).isRegularFile();
        String html = Files.readString(run.resolve("report/report.html"));
        assertThat(html).doesNotContain("No planned density for");

        Files.delete(run.resolve(rows.get(1).split(",")[4]));
        Cli.Result missing = Cli.run("report", run.toString(), "--max-heatmaps", "0");
        assertThat(missing.code()).as(missing.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("report/tables/planned_density.csv")))
                .hasSize(2);
        assertThat(Files.readString(run.resolve("report/report.html")))
                .contains("No planned density for 1 LVSA job(s)")
                .contains("plan file is missing");
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
