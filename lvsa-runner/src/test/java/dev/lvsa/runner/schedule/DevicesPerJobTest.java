package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.ExperimentLoader;
import dev.lvsa.runner.experiment.GridExpander;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.JobStatus;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.progress.RunListener;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import dev.lvsa.runner.worker.Devices;
import dev.lvsa.runner.worker.Reaper;
import dev.lvsa.runner.worker.WorkerLaunch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devices_per_job}: a job over N ranks of one {@code torch.distributed.run} launch (2 gloo ranks on CPU,
 * tiny-wan, 2 steps), beside one-device jobs in one ledger; a dead rank is the job's crash.
 */
class DevicesPerJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ONE_DEVICE = """
            models: [tiny-wan]
            methods: [dense]
            horizons: [1]
            prompts: [{id: kite, text: a red kite over the dunes}]
            steps: 2
            device: cpu
            scoring: {enabled: false}
            """;

    static List<String> program() {
        return List.of(Repo.venvPython().toString(), "-m", "lvsa_worker");
    }

    @Test
    void a_degree_that_does_not_divide_the_heads_is_refused_before_any_job_runs(@TempDir Path dir) throws Exception {
        Path exp = Experiments.write(
                dir, "exp.yaml", ONE_DEVICE.replace("[tiny-wan]", "[tiny-wan, tiny-hv15]") + "devices_per_job: 4\n");
        Path runDir = dir.resolve("run");
        Cli.Result r = Cli.run("run", exp.toString(), "--out", runDir.toString(), "--python", "/nonexistent/python");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines())
                .singleElement()
                .asString()
                .contains(
                        exp + ": devices_per_job: 4 does not "
                                + "divide the 2 attention heads of tiny-wan (attention_heads in contracts/models/tiny-models.json)");
        assertThat(runDir).doesNotExist();
    }

    @Test
    void a_rank_killed_mid_job_is_a_crash_and_the_retry_succeeds_in_the_ledger_of_one_device_jobs(@TempDir Path dir)
            throws Exception {
        Repo.assumeRealWorker();
        Path runDir = dir.resolve("run");
        // 1. an experiment without the field: one serve worker, one job
        Experiment one = ExperimentLoader.load(Experiments.write(dir, "one.yaml", ONE_DEVICE));
        assertThat(one.devicesPerJob()).isEqualTo(1);
        theOneDeviceJobEndsOk(one, runDir);
        // 2. the same file with LVSA added and devices_per_job: 2: the dense job keeps its id (and its result); the
        // LVSA job runs over 2 gloo ranks, and rank 1 SIGKILLs itself after step 1 of the first attempt
        Experiment two = ExperimentLoader.load(Experiments.write(
                dir, "two.yaml", ONE_DEVICE.replace("[dense]", "[dense, lvsa]") + "devices_per_job: 2\nretries: 1\n"));
        assertThat(GridExpander.expand(two).get(0).jobId())
                .isEqualTo(GridExpander.expand(one).get(0).jobId());
        Path marker = dir.resolve("rank-1-died");
        List<WorkerLaunch> launches = Devices.plan("cpu", List.of(), Map.of(), List::of, program(), 2).stream()
                .map(l -> l.withEnv(Map.of("LVSA_TEST_KILL_RANK", "1:1:" + marker)))
                .toList();
        List<String> events = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void jobProgress(JobRow job, String worker, int step, int steps) {
                events.add(worker + " step " + step + "/" + steps);
            }

            @Override
            public void jobRetried(JobRow job, String why) {
                events.add("retried");
            }
        };
        try (Ledger ledger = Ledger.open(runDir)) {
            List<JobRow> grid = RunPreparer.prepare(two, runDir, ledger);
            List<JobRow> toRun =
                    grid.stream().filter(j -> j.status() == JobStatus.PENDING).toList();
            assertThat(toRun).singleElement().extracting(JobRow::method).isEqualTo("lvsa");
            RunSummary s =
                    new Scheduler(ledger, runDir, launches, ExecSettings.of(two), null, listener).run(grid, toRun);
            assertThat(s.statuses()).containsExactly(Map.entry("ok", 1));
            assertThat(marker).exists();
            assertThat(events).containsSubsequence("retried", "cpu x2 step 1/2", "cpu x2 step 2/2");

            theLvsaJobCrashedOnceThenEndedOkBesideTheDenseJob(ledger);
            theLvsaJobRanOverTwoRanks(ledger, runDir);
        }
    }

    /** Runs the one-device experiment with one serve worker: its one job ends ok. */
    private static void theOneDeviceJobEndsOk(Experiment one, Path runDir) {
        try (Ledger ledger = Ledger.open(runDir)) {
            List<JobRow> grid = RunPreparer.prepare(one, runDir, ledger);
            RunSummary s = new Scheduler(
                            ledger,
                            runDir,
                            Devices.plan("cpu", List.of(), Map.of(), List::of, program(), one.devicesPerJob()),
                            ExecSettings.of(one),
                            null,
                            new RunListener() {})
                    .run(grid, grid);
            assertThat(s.statuses()).containsExactly(Map.entry("ok", 1));
        }
    }

    /**
     * The attempts, in the one ledger: the dense job's ok, then the LVSA launch's crash (rank 1's SIGKILL named)
     * and its ok retry; every process of both launches has ended.
     */
    private static void theLvsaJobCrashedOnceThenEndedOkBesideTheDenseJob(Ledger ledger) {
        List<Map<String, Object>> tries = ledger.query("SELECT j.method, a.number, a.worker, a.device, a.outcome, "
                + "a.message, a.worker_pid FROM attempts a JOIN jobs j ON j.job_id = a.job_id "
                + "ORDER BY j.seq, a.number");
        assertThat(tries)
                .extracting(
                        t -> t.get("method") + " " + t.get("worker") + " " + t.get("device") + " " + t.get("outcome"))
                .containsExactly(
                        "dense cpu cpu ok", "lvsa torchrun cpu x2 cpu x2 crashed", "lvsa torchrun cpu x2 cpu x2 ok");
        assertThat((String) tries.get(1).get("message"))
                .containsPattern("(a rank of the 2-rank job|the 2-rank " + "launch) on cpu x2")
                .contains("root cause: rank : 1")
                .contains("SIGKILL");
        for (Map<String, Object> t : tries.subList(1, 3)) { // every process of both launches has ended
            assertThat(ProcessHandle.of(((Number) t.get("worker_pid")).longValue())
                            .map(ProcessHandle::isAlive))
                    .isNotEqualTo(java.util.Optional.of(true));
        }
    }

    /** The LVSA job's result says 2 ranks and every step, its video exists and its log names the launch. */
    private static void theLvsaJobRanOverTwoRanks(Ledger ledger, Path runDir) throws Exception {
        Map<String, Object> lvsa = ledger.query("SELECT r.result_json, j.video_path FROM results r JOIN jobs j "
                        + "ON j.job_id = r.job_id WHERE j.method = 'lvsa'")
                .get(0);
        JsonNode result = JSON.readTree((String) lvsa.get("result_json"));
        assertThat(result.path("status").asText()).isEqualTo("ok");
        assertThat(result.path("sequence_parallel").asInt()).isEqualTo(2);
        assertThat(result.path("steps_run").asInt()).isEqualTo(2);
        assertThat(runDir.resolve((String) lvsa.get("video_path"))).isNotEmptyFile();
        assertThat(Files.readString(runDir.resolve("logs")
                        .resolve(Path.of((String) lvsa.get("video_path"))
                                .getFileName()
                                .toString()
                                .replace(".mp4", ".log"))))
                .contains("torch.distributed.run")
                .contains("--sequence-parallel")
                .contains("kills itself after step 1 (test hook)");
    }

    @Test
    void a_rank_that_dies_on_every_attempt_fails_the_job_after_its_retries(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        Experiment e = ExperimentLoader.load(Experiments.write(
                dir, "exp.yaml", ONE_DEVICE.replace("[dense]", "[lvsa]") + "devices_per_job: 2\nretries: 0\n"));
        Path runDir = dir.resolve("run");
        List<WorkerLaunch> launches = Devices.plan("cpu", List.of(), Map.of(), List::of, program(), 2).stream()
                .map(l -> l.withEnv(Map.of("LVSA_TEST_KILL_RANK", "1:1:")))
                .toList();
        try (Ledger ledger = Ledger.open(runDir)) {
            List<JobRow> grid = RunPreparer.prepare(e, runDir, ledger);
            RunSummary s = new Scheduler(ledger, runDir, launches, ExecSettings.of(e), null, new RunListener() {})
                    .run(grid, grid);
            assertThat(s.statuses()).containsExactly(Map.entry("error", 1));
            assertThat(ledger.query("SELECT outcome FROM attempts"))
                    .extracting(m -> m.get("outcome"))
                    .containsExactly("crashed");
            Map<String, Object> r = ledger.query("SELECT status, error_code, message FROM results")
                    .get(0);
            assertThat(r).containsEntry("status", "error").containsEntry("error_code", "worker_crashed");
            // rank 0 either reports its failed collective or is stopped by the launcher first: a crash either way
            assertThat((String) r.get("message"))
                    .startsWith("the worker crashed on 1 attempt; last: ")
                    .containsPattern("(a rank of the 2-rank job|the 2-rank launch) on cpu x2")
                    .contains("root cause: rank : 1")
                    .contains("SIGKILL");
        }
    }

    @Test
    void a_launch_left_running_by_a_killed_runner_is_ended_with_its_ranks_by_the_next_run() throws Exception {
        // what the ledger records for an N-device attempt is the launcher's pid; its command line says
        // --sequence-parallel, and its ranks are its children. The stand-in launcher prints its rank's pid once the
        // rank exists, so the test waits on that line, not on a fixed delay (a loaded CI machine once needed more
        // than 20 s of polling).
        Process launcher = new ProcessBuilder(
                        Repo.systemPython(),
                        "-c",
                        "import subprocess, sys, time; "
                                + "r = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)']); "
                                + "print(r.pid, flush=True); time.sleep(300)",
                        "--sequence-parallel")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String line = CompletableFuture.supplyAsync(() -> {
                        try (var out = new BufferedReader(new InputStreamReader(launcher.getInputStream()))) {
                            return out.readLine();
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    })
                    .get(120, TimeUnit.SECONDS);
            assertThat(line)
                    .as("the stand-in launcher printed its rank's pid (alive: %s)", launcher.isAlive())
                    .isNotNull();
            ProcessHandle rank = ProcessHandle.of(Long.parseLong(line.strip())).orElseThrow();
            assertThat(launcher.descendants()).as("the launcher's ranks").contains(rank);
            long started = launcher.info().startInstant().orElseThrow().toEpochMilli();
            assertThat(Reaper.endStale(List.<long[]>of(new long[] {launcher.pid(), started})))
                    .isEqualTo(1);
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(rank.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
