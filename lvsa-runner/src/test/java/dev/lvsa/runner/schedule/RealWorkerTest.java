package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.experiment.Experiment;
import dev.lvsa.runner.experiment.ExperimentLoader;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.progress.RunListener;
import dev.lvsa.runner.scoring.Scorer;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import dev.lvsa.runner.worker.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the real worker ({@code .venv/bin/python -m lvsa_worker}, tiny-wan on CPU). */
class RealWorkerTest {
    @BeforeAll
    static void needsWorker() {
        Repo.assumeRealWorker();
    }

    static List<String> program() {
        return List.of(Repo.venvPython().toString(), "-m", "lvsa_worker");
    }

    @Test
    void a_worker_killed_mid_job_is_restarted_and_the_job_ends_ok_after_a_retry(@TempDir Path dir) throws IOException {
        Path exp = Experiments.write(dir, "exp.yaml", """
                models: [tiny-wan]
                methods: [dense, lvsa]
                horizons: [1, 2]
                prompt_sets: [demo-1]
                steps: 30
                device: cpu
                retries: 2
                """);
        Experiment e = ExperimentLoader.load(exp);
        Path runDir = dir.resolve("run");
        AtomicLong victim = new AtomicLong();
        AtomicLong killedAtStep = new AtomicLong();
        RunListener killer = killerOfTheFirstLongLvsaAttempt(victim, killedAtStep);
        try (Ledger ledger = Ledger.open(runDir)) {
            List<JobRow> grid = RunPreparer.prepare(e, runDir, ledger);
            RunSummary s = new Scheduler(
                            ledger,
                            runDir,
                            Devices.plan("cpu", List.of(), Map.of(), List::of, program()),
                            ExecSettings.of(e),
                            new Scorer(e.scoring()),
                            killer)
                    .run(grid, grid);
            assertThat(s.statuses()).containsExactly(Map.entry("ok", 4));
            assertThat(killedAtStep.get()).isBetween(1L, 29L);
            List<Map<String, Object>> tries = ledger.query("SELECT a.outcome, a.message, a.worker_pid FROM attempts a "
                    + "JOIN jobs j ON j.job_id = a.job_id WHERE j.method = 'lvsa' AND j.frames = 65 ORDER BY a.number");
            assertThat(tries).extracting(t -> t.get("outcome")).containsExactly("crashed", "ok");
            assertThat((String) tries.get(0).get("message"))
                    .contains("died during the job")
                    .contains("signal 9");
            assertThat(((Number) tries.get(0).get("worker_pid")).longValue()).isEqualTo(victim.get());
            assertThat(tries.get(1).get("worker_pid")).isNotEqualTo(tries.get(0).get("worker_pid"));
            assertThat(ledger.query("SELECT COUNT(*) AS n FROM attempts").get(0).get("n"))
                    .isEqualTo(5);
            assertThat(RunTable.rows(ledger)).allSatisfy(r -> {
                assertThat(r).containsEntry("status", "ok").containsEntry("score_status", "ok");
                assertThat(runDir.resolve((String) r.get("video"))).isNotEmptyFile();
            });
        }
    }

    /**
     * A listener that SIGKILLs the worker of the LVSA 65-frame job's first attempt at its first step (noting the
     * worker's pid in {@code victim} and the step in {@code killedAtStep}).
     */
    private static RunListener killerOfTheFirstLongLvsaAttempt(AtomicLong victim, AtomicLong killedAtStep) {
        return new RunListener() {
            @Override
            public void jobStarted(JobRow job, String worker, long workerPid, int attempt) {
                if (job.variant().equals("lvsa") && job.frames() == 65 && attempt == 1) {
                    victim.set(workerPid);
                }
            }

            @Override
            public void jobProgress(JobRow job, String worker, int step, int steps) {
                if (victim.get() != 0
                        && killedAtStep.get() == 0
                        && job.variant().equals("lvsa")
                        && job.frames() == 65) {
                    killedAtStep.set(step);
                    ProcessHandle.of(victim.get()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL mid-job
                }
            }
        };
    }

    @Test
    void an_awkward_prompt_and_run_folder_reach_the_real_worker_intact(@TempDir Path dir) throws Exception {
        String prompt = "it's a \"kite\" $(touch PWNED); echo hi; `id` & | > < * \\ 'end'";
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\n"
                        + "steps: 3\ndevice: cpu\nscoring: {enabled: false}\nprompts:\n  - {id: odd, text: "
                        + Experiments.quoted(prompt) + "}\n");
        Path runDir = dir.resolve("run dir 'a'; $(touch PWNED) \"b\"");
        Cli.Result r = Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.venvPython().toString(),
                "--progress",
                "none");
        assertThat(r.code()).as(r.err()).isZero();
        JobRow job;
        try (Ledger l = Ledger.openExisting(runDir)) {
            job = l.jobs().get(0);
        }
        Path video = runDir.resolve(job.videoPath());
        Path plan = runDir.resolve(job.planPath());
        // The tiny preset turns the prompt text into its embeddings, so the video is a fingerprint of the exact
        // text: the runner's video equals the one the worker makes from the same text given as one argument.
        byte[] same = generate(dir, plan, prompt, "same.mp4");
        byte[] other = generate(dir, plan, prompt.replace("$(touch PWNED)", ""), "other.mp4");
        assertThat(Files.readAllBytes(video)).isEqualTo(same);
        assertThat(same).isNotEqualTo(other);
        try (var files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.equals("PWNED"));
        }
    }

    private static byte[] generate(Path dir, Path plan, String prompt, String name) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(program());
        cmd.addAll(List.of(
                "generate",
                "--model",
                "tiny-wan",
                "--plan",
                plan.toString(),
                "--frames",
                "33",
                "--height",
                "64",
                "--width",
                "96",
                "--steps",
                "3",
                "--seed",
                "0",
                "--device",
                "cpu",
                "--out",
                out.toString(),
                "--prompt=" + prompt));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return Files.readAllBytes(out);
    }
}
