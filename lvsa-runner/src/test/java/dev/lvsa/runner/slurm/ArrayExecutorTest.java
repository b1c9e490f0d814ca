package dev.lvsa.runner.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --executor array} end to end on the real tiny worker: the tasks are written, the run folder is copied
 * elsewhere (another host), each task runs there as its own process by index, the folder comes back to a third
 * place, and {@code collect} ingests and scores every result.
 */
class ArrayExecutorTest {

    @Test
    void tasks_run_by_index_on_a_copy_of_the_run_folder_and_are_collected(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense, lvsa]\nhorizons: [1]\n"
                        + "device: cpu\nsteps: 2\nprompts:\n  - {id: p, text: a kite}\n");
        Path run = dir.resolve("run");
        Cli.Result w =
                Cli.run("run", exp.toString(), "--out", run.toString(), "--executor", "array", "--progress", "none");
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(w.out()).contains("wrote 2 task(s)").contains("run-task.sh").contains("collect");
        List<String> indices = Files.readAllLines(run.resolve("slurm/tasks.txt"));
        assertThat(indices).hasSize(2);
        assertThat(Files.readString(run.resolve("slurm/tasks/" + indices.get(0) + ".json")))
                .as("paths inside the run folder are relative")
                .doesNotContain(run.toString());

        Path host = dir.resolve("gpu-host/run");
        copy(run, host);
        for (String i : indices) {
            runTask(host, i, dir.resolve("task-" + i + ".out"));
        }
        Path back = dir.resolve("back/run");
        copy(host, back);
        Cli.Result c = Cli.run("collect", back.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("collected 2 result(s), scored 2 video(s); 0 job(s) still waiting");
        try (Ledger l = Ledger.openExisting(back)) {
            for (JobRow j : l.jobs()) {
                assertThat(j.status().id()).isEqualTo("ok");
                assertThat(back.resolve(j.videoPath())).isRegularFile();
            }
            assertThat(l.query("SELECT worker FROM attempts")
                            .get(0)
                            .get("worker")
                            .toString())
                    .startsWith("array task ");
        }
    }

    @Test
    void a_speed_run_reaches_the_worker_whole_and_is_collected_unscored_with_its_estimate(@TempDir Path dir)
            throws Exception {
        Repo.assumeRealWorker();
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models:\n  - {name: tiny-wan, weights: dummy, text: "
                        + "dummy-embeddings}\nmethods: [lvsa]\nhorizons: [1]\ndevice: cpu\nsteps: 4\ntimed_steps: 2\n"
                        + "prompts:\n  - {id: p, text: a kite}\n");
        Path run = dir.resolve("run");
        Cli.Result w =
                Cli.run("run", exp.toString(), "--out", run.toString(), "--executor", "array", "--progress", "none");
        assertThat(w.code()).as(w.err()).isZero();
        String task = Files.readString(run.resolve("slurm/tasks/0.json"));
        assertThat(task)
                .contains("\"weights\" : \"dummy\"")
                .contains("\"text\" : \"dummy-embeddings\"")
                .contains("\"timed_steps\" : 2");
        runTask(run, "0", dir.resolve("task.out"));
        // the video stays on the host that ran the task (a real-size one is too big to bring back): without the
        // option the job is an error naming the option, with it the timings are recorded
        Path video = run.resolve(
                Files.readString(run.resolve("slurm/tasks/0.json")).replaceAll("(?s).*\"out\" : \"([^\"]+)\".*", "$1"));
        Path away = dir.resolve("video-left-on-the-gpu-host.mp4");
        Files.move(video, away);
        Path copy = dir.resolve("copy");
        copy(run, copy);
        Cli.Result strict = Cli.run("collect", copy.toString());
        assertThat(strict.code()).as(strict.err()).isZero();
        try (Ledger l = Ledger.openExisting(copy)) {
            assertThat(l.jobs().get(0).status().id()).isEqualTo("error");
            assertThat(l.jobs().get(0).message()).contains("collect --speed-runs-without-videos");
        }
        Cli.Result c = Cli.run("collect", run.toString(), "--speed-runs-without-videos");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("collected 1 result(s), scored 0 video(s)");
        Files.move(away, video);
        assertTheWorkerRanTheSpeedRunAsked(run);
        assertTheExportHasTheSpeedColumns(run, dir.resolve("r.csv"));
    }

    /** Runs task {@code index} by the folder's {@code run-task.sh}, as a host would; it must end with 0. */
    private static void runTask(Path runDir, String index, Path out) throws Exception {
        Process p = new ProcessBuilder(
                        runDir.resolve("slurm/run-task.sh").toString(),
                        index,
                        Repo.venvPython().toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
    }

    private static void assertTheWorkerRanTheSpeedRunAsked(Path run) {
        try (Ledger l = Ledger.openExisting(run)) {
            String result = l.query("SELECT result_json FROM results")
                    .get(0)
                    .get("result_json")
                    .toString()
                    .replace(" ", "");
            // the worker ran what the task asked: random weights, random embeddings, 2 of the 4 steps
            assertThat(result)
                    .contains("\"weights\":\"dummy\"")
                    .contains("\"text\":\"dummy-embeddings\"")
                    .contains("\"timed_steps\":2")
                    .contains("\"timed_step_indices\":[0,3]")
                    .contains("\"estimated_total_s\"");
        }
    }

    private static void assertTheExportHasTheSpeedColumns(Path run, Path csvFile) throws Exception {
        Cli.Result csv = Cli.run("export", run.toString(), "--csv", csvFile.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = Files.readAllLines(csvFile);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).contains("timed_steps", "estimated_total_s", "vae_decode", "memory_cap_gb");
        assertThat(lines.get(1)).endsWith(",untiled"); // vae_decode, the last column
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    t.toFile().setExecutable(p.toFile().canExecute());
                }
            }
        }
    }
}
