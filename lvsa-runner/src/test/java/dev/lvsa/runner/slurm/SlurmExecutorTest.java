package dev.lvsa.runner.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.ChildJvm;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --executor slurm} with a stand-in {@code sbatch} on PATH (a shell script that records its arguments
 * and, in the round trip, runs the array's tasks right here as Slurm would on the nodes).
 */
class SlurmExecutorTest {
    static final String ODD = "a kite; it's \"red\" $(touch PWNED) `id` & 'end'";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path standIn(Path dir, boolean runTasks) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        String script = """
                #!/bin/bash
                # stand-in sbatch: records its arguments (one per line) and how often it ran
                here="$(dirname "$0")"
                printf '%s\\n' "$@" > "$here/sbatch-args.txt"
                echo x >> "$here/sbatch-calls.txt"
                """ + (runTasks ? """
                array=""; for a in "$@"; do case "$a" in --array=*) array="${a#--array=}";; esac; done
                array="${array%%\\%*}"
                script="${@: -3:1}"; run_dir="${@: -2:1}"; python="${@: -1}"
                for part in ${array//,/ }; do
                  lo="${part%%-*}"; hi="${part##*-}"
                  for ((i = lo; i <= hi; i++)); do
                    SLURM_ARRAY_JOB_ID=4242 SLURM_ARRAY_TASK_ID=$i bash "$script" "$run_dir" "$python" \\
                      > "$run_dir/slurm/logs/4242_$i.out" 2>&1 || true
                  done
                done
                """ : "") + "echo 4242\n";
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, script);
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static Map<String, String> path(Path bin) {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    static Path experiment(Path dir) throws IOException {
        return Experiments.write(
                dir,
                "exp.yaml",
                "name: kites\nmodels: [tiny-wan]\nmethods: [dense, lvsa]\n"
                        + "horizons: [1, 2]\nsteps: 3\ndevice: cpu\nprompts:\n  - {id: odd, text: "
                        + Experiments.quoted(ODD)
                        + "}\n");
    }

    @Test
    void writes_and_submits_a_job_array(@TempDir Path dir) throws Exception {
        Path bin = standIn(dir, false);
        Path exp = experiment(dir);
        Path runDir = dir.resolve("run dir");
        List<String> args = runWithSbatchOptions(exp, runDir);
        ChildJvm.Result r = ChildJvm.run(args, path(bin), dir.resolve("submit.log"));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("submitted 4 job(s) as Slurm job 4242 (array 0-3%3)");

        Path slurm = runDir.resolve("slurm");
        assertThat(Files.readAllLines(bin.resolve("sbatch-args.txt")))
                .containsExactly(
                        "--parsable",
                        "--job-name=lvsa-kites",
                        "--array=0-3%3",
                        "--output=" + slurm.resolve("logs") + "/%A_%a.out",
                        "--partition=gpu",
                        "--gpus-per-task=2",
                        "--time=01:00:00",
                        "--account=proj",
                        "--qos=long",
                        slurm.resolve("array.sbatch").toString(),
                        runDir.toString(),
                        "/opt/venv/bin/python");
        assertFourTaskFiles(slurm);
        assertFourJobsSubmittedAsOneArray(runDir);

        // again: nothing new to submit while the array runs; sbatch is not called a second time
        ChildJvm.Result again = ChildJvm.run(args, path(bin), dir.resolve("again.log"));
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains("4 job(s) are with Slurm").contains("nothing to submit");
        assertThat(Files.readAllLines(bin.resolve("sbatch-calls.txt"))).hasSize(1);
        assertThat(Cli.run("status", runDir.toString()).out()).contains("submitted 4");

        // --resubmit gives up on the first array and submits the jobs again, reusing their task files
        List<String> resubmit = new java.util.ArrayList<>(args);
        resubmit.add("--resubmit");
        ChildJvm.Result third = ChildJvm.run(resubmit, path(bin), dir.resolve("third.log"));
        assertThat(third.code()).as(third.output()).isZero();
        assertThat(Files.readAllLines(bin.resolve("sbatch-calls.txt"))).hasSize(2);
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.query("SELECT outcome, COUNT(*) AS n FROM attempts GROUP BY outcome ORDER BY outcome"))
                    .containsExactly(Map.of("outcome", "interrupted", "n", 4), Map.of("outcome", "submitted", "n", 4));
        }
    }

    /** {@code run --executor slurm} with every sbatch option the runner passes on. */
    private static List<String> runWithSbatchOptions(Path exp, Path runDir) {
        return List.of(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--executor",
                "slurm",
                "--partition",
                "gpu",
                "--gpus-per-task",
                "2",
                "--time",
                "01:00:00",
                "--account",
                "proj",
                "--max-parallel",
                "3",
                "--sbatch-arg=--qos=long",
                "--python",
                "/opt/venv/bin/python");
    }

    /** The array's script and task runner, and one task file per job: its prompt, device and result path. */
    private static void assertFourTaskFiles(Path slurm) throws IOException {
        assertThat(slurm.resolve("array.sbatch")).isExecutable();
        assertThat(slurm.resolve("task.py")).exists();
        for (int i = 0; i < 4; i++) {
            JsonNode task = JSON.readTree(slurm.resolve("tasks/" + i + ".json").toFile());
            assertThat(task.at("/job/prompt").asText()).isEqualTo(ODD);
            assertThat(task.at("/job/device").asText()).isEqualTo("cpu");
            assertThat(task.get("result").asText())
                    .isEqualTo(slurm.resolve("results/" + task.get("job_id").asText() + ".json")
                            .toString());
        }
    }

    /** Every job submitted, with one attempt per array task, and one submissions row. */
    private static void assertFourJobsSubmittedAsOneArray(Path runDir) {
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.jobs()).allSatisfy(j -> assertThat(j.status().id()).isEqualTo("submitted"));
            assertThat(l.query("SELECT worker FROM attempts ORDER BY worker"))
                    .extracting(m -> m.get("worker"))
                    .containsExactly("slurm 4242_0", "slurm 4242_1", "slurm 4242_2", "slurm 4242_3");
            assertThat(l.query("SELECT slurm_job_id, array_spec FROM submissions"))
                    .containsExactly(Map.of("slurm_job_id", "4242", "array_spec", "0-3%3"));
        }
    }

    @Test
    void a_devices_per_job_experiment_asks_for_n_gpus_per_task_and_its_tasks_run_torchrun(@TempDir Path dir)
            throws Exception {
        Path bin = standIn(dir, false);
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "name: wide\nmodels: [tiny-wan]\nmethods: [dense]\n"
                        + "horizons: [1]\nsteps: 3\ndevice: cuda\ndevices_per_job: 2\nprompts:\n  - {id: odd, text: "
                        + Experiments.quoted(ODD) + "}\n");
        Path runDir = dir.resolve("run");
        Cli.Result few = Cli.run(
                "run", exp.toString(), "--out", runDir.toString(), "--executor", "slurm", "--gpus-per-task", "1");
        assertThat(few.code()).isEqualTo(2);
        assertThat(few.err()).contains("--gpus-per-task 1").contains("devices_per_job is 2");

        ChildJvm.Result r = ChildJvm.run(
                List.of(
                        "run",
                        exp.toString(),
                        "--out",
                        runDir.toString(),
                        "--executor",
                        "slurm",
                        "--python",
                        "/opt/venv/bin/python"),
                path(bin),
                dir.resolve("submit.log"));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(Files.readAllLines(bin.resolve("sbatch-args.txt")))
                .contains("--gpus-per-task=2")
                .doesNotContain("--gpus-per-task=1");
        Path slurm = runDir.resolve("slurm");
        Path taskFile = slurm.resolve("tasks/0.json");
        JsonNode task = JSON.readTree(taskFile.toFile());
        assertThat(task.get("ranks").asInt()).isEqualTo(2);
        assertThat(task.at("/job/device").asText()).isEqualTo("cuda");
        // the written task.py turns the task into one torchrun launch (argument list, no shell)
        List<String> argv = workerArgv(slurm, taskFile);
        assertThat(argv.subList(1, 9))
                .containsExactly(
                        "-m",
                        "torch.distributed.run",
                        "--standalone",
                        "--nproc-per-node=2",
                        "-m",
                        "lvsa_worker",
                        "generate",
                        "--sequence-parallel");
        assertThat(argv).contains("--device=cuda", "--prompt=" + ODD, "--model=tiny-wan");
    }

    /** The worker command line the written {@code task.py} builds for a task file. */
    private static List<String> workerArgv(Path slurm, Path taskFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        Repo.systemPython(),
                        "-c",
                        "import json, sys; sys.path.insert(0, sys.argv[1]); "
                                + "import task; t = json.load(open(sys.argv[2], encoding='utf-8')); "
                                + "print(json.dumps(task.worker_argv(t['job'], t['timeout_s'], t['ranks'])))",
                        slurm.toString(),
                        taskFile.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return JSON.readerForListOf(String.class).readValue(out);
    }

    @Test
    void round_trip_tasks_run_the_worker_and_collect_scores_them(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        Path bin = standIn(dir, true);
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense, lvsa]\nhorizons: [2]\n"
                        + "steps: 3\ndevice: cpu\nprompts:\n  - {id: odd, text: " + Experiments.quoted(ODD) + "}\n");
        Path runDir = dir.resolve("run");
        ChildJvm.Result r = ChildJvm.run(
                List.of(
                        "run",
                        exp.toString(),
                        "--out",
                        runDir.toString(),
                        "--executor",
                        "slurm",
                        "--python",
                        Repo.venvPython().toString()),
                path(bin),
                dir.resolve("submit.log"));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(Files.readAllLines(bin.resolve("sbatch-args.txt"))).doesNotContain("--gpus-per-task=1");
        try (var results = Files.list(runDir.resolve("slurm/results"))) {
            assertThat(results.map(p -> p.getFileName().toString())).hasSize(2).allMatch(n -> n.endsWith(".json"));
        }
        Cli.Result c = Cli.run("collect", runDir.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("collected 2 result(s), scored 2 video(s); 0 job(s) still waiting for a result");
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(RunTable.rows(l)).hasSize(2).allSatisfy(row -> {
                assertThat(row)
                        .containsEntry("status", "ok")
                        .containsEntry("score_status", "ok")
                        .containsEntry("prompt", ODD)
                        .containsEntry("attempts", 1);
                assertThat(runDir.resolve((String) row.get("video"))).isNotEmptyFile();
            });
            assertThat(l.query("SELECT worker, outcome FROM attempts"))
                    .allSatisfy(a -> assertThat(a).containsEntry("outcome", "ok"));
            Map<String, Object> lvsa = l.query("SELECT density, expected_density FROM results r JOIN jobs j "
                            + "ON j.job_id = r.job_id WHERE j.method = 'lvsa'")
                    .get(0);
            // the worker ran the sparse plan it was given: realised density = planned density < 1
            assertThat((Double) lvsa.get("density"))
                    .isLessThan(0.9)
                    .isCloseTo((Double) lvsa.get("expected_density"), org.assertj.core.data.Offset.offset(1e-6));
        }
        // collecting again records nothing twice
        assertThat(Cli.run("collect", runDir.toString()).out()).contains("collected 0 result(s), scored 0");
    }

    @Test
    void without_sbatch_on_path_the_user_is_told_in_one_line(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty-bin");
        Files.createDirectories(empty);
        ChildJvm.Result r = ChildJvm.run(
                List.of(
                        "run",
                        experiment(dir).toString(),
                        "--out",
                        dir.resolve("run").toString(),
                        "--executor",
                        "slurm"),
                Map.of("PATH", empty + ":/usr/bin:/bin"),
                dir.resolve("out.log"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output().strip().lines().filter(l -> l.contains("sbatch")))
                .hasSize(1)
                .allMatch(l -> l.contains("sbatch is not on PATH"));
    }

    @Test
    void a_failing_sbatch_leaves_the_jobs_pending(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/bash\necho 'sbatch: error: invalid partition specified: gpux' >&2\nexit 1\n");
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runDir = dir.resolve("run");
        ChildJvm.Result r = ChildJvm.run(
                List.of(
                        "run",
                        experiment(dir).toString(),
                        "--out",
                        runDir.toString(),
                        "--executor",
                        "slurm",
                        "--partition",
                        "gpux"),
                path(bin),
                dir.resolve("out.log"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("invalid partition specified: gpux");
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.jobs()).allSatisfy(j -> assertThat(j.status().id()).isEqualTo("pending"));
        }
    }
}
