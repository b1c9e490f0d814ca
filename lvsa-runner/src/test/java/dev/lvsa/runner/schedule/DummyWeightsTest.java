package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.ExperimentLoader;
import dev.lvsa.runner.experiment.GridExpander;
import dev.lvsa.runner.experiment.JobSpec;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weights: dummy}: real architectures with random weights, timed and never scored. */
class DummyWeightsTest {

    static final String GRID = """
            models:
              - {name: tiny-wan, weights: dummy, text: dummy-embeddings}
              - tiny-wan
            methods: [dense]
            horizons: [1]
            device: cpu
            steps: 2
            prompts:
              - {id: p, text: a kite}
            """;

    @Test
    void a_dummy_model_is_its_own_job_and_asks_the_worker_for_random_weights(@TempDir Path dir) throws Exception {
        Experiment exp = ExperimentLoader.load(Experiments.write(dir, "exp.yaml", GRID));
        List<JobSpec> jobs = GridExpander.expand(exp);
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).jobId()).isNotEqualTo(jobs.get(1).jobId());
        assertThat(jobs.get(1).identity())
                .as("a checkpoint job's identity is what it always was")
                .doesNotContainKeys("weights", "text");
        assertThat(jobs.get(0).identity()).containsEntry("weights", "dummy").containsEntry("text", "dummy-embeddings");
    }

    @Test
    void the_runner_times_dummy_jobs_and_scores_only_the_others(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        Path run = dir.resolve("run");
        Cli.Result r = Cli.run(
                "run",
                Experiments.write(dir, "exp.yaml", GRID).toString(),
                "--out",
                run.toString(),
                "--python",
                Repo.venvPython().toString(),
                "--progress",
                "plain");
        assertThat(r.code()).as(r.err()).isZero();
        try (Ledger l = Ledger.openExisting(run)) {
            List<JobRow> rows = l.jobs();
            JobRow dummy =
                    rows.stream().filter(JobRow::dummyWeights).findFirst().orElseThrow();
            assertThat(dummy.label()).startsWith("tiny-wan (dummy weights) dense 33f");
            ObjectNode request = JobRequests.job(dummy, run, "cpu");
            assertThat(request.path("weights").asText()).isEqualTo("dummy");
            assertThat(request.path("text").asText()).isEqualTo("dummy-embeddings");
            List<Map<String, Object>> results = l.query("SELECT r.job_id, r.result_json FROM results r");
            assertThat(results).hasSize(2);
            assertThat(results.stream()
                            .filter(m -> m.get("job_id").equals(dummy.jobId()))
                            .findFirst()
                            .orElseThrow()
                            .get("result_json")
                            .toString())
                    .contains("\"weights\":\"dummy\"");
            List<Map<String, Object>> scores = l.query("SELECT job_id FROM scores");
            assertThat(scores).as("only the checkpoint job is scored").hasSize(1);
            assertThat(scores.get(0).get("job_id")).isNotEqualTo(dummy.jobId());
        }
        Cli.Result csv =
                Cli.run("export", run.toString(), "--csv", dir.resolve("r.csv").toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("r.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int weights = header.indexOf("weights");
        int phases = header.indexOf("phase_s");
        assertThat(weights).isPositive();
        assertThat(phases).isPositive();
        assertThat(lines.subList(1, lines.size()))
                .filteredOn(l -> l.contains(",dummy,"))
                .hasSize(1);
        Cli.Result rep =
                Cli.run("report", run.toString(), "--out", dir.resolve("report").toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        assertThat(java.nio.file.Files.readString(dir.resolve("report/report.html")))
                .contains("Dummy weights: speed only. 1 job(s) ran the real architecture");
    }
}
