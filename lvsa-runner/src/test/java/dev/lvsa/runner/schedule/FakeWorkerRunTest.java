package dev.lvsa.runner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.export.RunTable;
import dev.lvsa.runner.ledger.Ledger;
import dev.lvsa.runner.support.Cli;
import dev.lvsa.runner.support.Experiments;
import dev.lvsa.runner.support.ProtocolSchemas;
import dev.lvsa.runner.support.Repo;
import dev.lvsa.runner.worker.WorkerProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures are data. A stand-in worker (test resource {@code fake/fake_worker.py}, any Python 3) answers
 * {@code oom}, hangs, crashes or corrupts its output on cue, so each path of the scheduler runs in a second.
 */
class FakeWorkerRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Cli.Result run(Path dir, Path runDir, String yaml) throws IOException {
        Path exp = Experiments.write(dir, "exp.yaml", yaml);
        Path fake = Repo.fakeWorker(dir.resolve("fake"));
        return Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                fake.toString(),
                "--progress",
                "none");
    }

    static String grid(String prompts, String extra) {
        return "models: [tiny-wan]\nmethods: [dense]\nhorizons: [1]\nsteps: 2\ndevice: cpu\n" + "prompts:\n" + prompts
                + extra;
    }

    static Map<String, Map<String, Object>> byPrompt(Path runDir) {
        try (Ledger l = Ledger.openExisting(runDir)) {
            Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
            for (Map<String, Object> r : RunTable.rows(l)) {
                out.put((String) r.get("prompt_id"), r);
            }
            return out;
        }
    }

    static List<Map<String, Object>> attempts(Path runDir, String promptId) {
        try (Ledger l = Ledger.openExisting(runDir)) {
            return l.query(
                    "SELECT a.* FROM attempts a JOIN jobs j ON j.job_id = a.job_id WHERE j.prompt_id = ? "
                            + "ORDER BY a.number",
                    promptId);
        }
    }

    @Test
    void out_of_memory_is_recorded_and_the_grid_goes_on(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = run(dir, runDir, grid("""
                  - {id: first, text: a calm lake}
                  - {id: boom, text: OOM on purpose}
                  - {id: last, text: a windy field}
                """, ""));
        assertThat(r.code()).as(r.err()).isEqualTo(3); // partial batch
        Map<String, Map<String, Object>> rows = byPrompt(runDir);
        assertThat(rows.get("boom"))
                .containsEntry("status", "oom")
                .containsEntry("attempts", 1)
                .containsEntry("error_code", "oom");
        assertThat((String) rows.get("boom").get("message")).contains("out of memory");
        for (String ok : List.of("first", "last")) {
            assertThat(rows.get(ok)).containsEntry("status", "ok").containsEntry("score_status", "ok");
            assertThat((Double) rows.get(ok).get("composite_score")).isBetween(0.0, 100.0);
        }
        assertThat(rows.get("boom").get("composite_score")).isNull();

        // again on the same folder: nothing to do, the worker gets no request
        long requests = Files.readAllLines(runDir.resolve("requests.jsonl")).size();
        assertThat(run(dir, runDir, yamlOf(dir)).code()).isEqualTo(3);
        assertThat(Files.readAllLines(runDir.resolve("requests.jsonl"))).hasSize((int) requests);

        // --retry-failed runs the oom job once more (and only it); it keeps one result row
        Path fake = dir.resolve("fake/fake_worker.py");
        Cli.Result again = Cli.run(
                "run",
                dir.resolve("exp.yaml").toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                fake.toString(),
                "--progress",
                "none",
                "--retry-failed");
        assertThat(again.code()).isEqualTo(3);
        assertThat(Files.readAllLines(runDir.resolve("requests.jsonl"))).hasSize((int) requests + 1);
        assertThat(byPrompt(runDir).get("boom")).containsEntry("status", "oom").containsEntry("attempts", 2);
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.query("SELECT COUNT(*) AS n FROM results").get(0).get("n"))
                    .isEqualTo(3);
        }
    }

    static String yamlOf(Path dir) throws IOException {
        return Files.readString(dir.resolve("exp.yaml"));
    }

    @Test
    void a_silent_worker_is_killed_restarted_retried_then_marked(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = run(dir, runDir, grid("""
                  - {id: stuck, text: HANG forever}
                  - {id: after, text: a quiet street}
                """, "timeout_s: 1\ntimeout_grace_s: 1\nretries: 1\n"));
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        Map<String, Map<String, Object>> rows = byPrompt(runDir);
        assertThat(rows.get("stuck"))
                .containsEntry("status", "timeout")
                .containsEntry("attempts", 2)
                .containsEntry("error_code", "worker_hung");
        assertThat(rows.get("after")).containsEntry("status", "ok");
        List<Map<String, Object>> tries = attempts(runDir, "stuck");
        assertThat(tries).extracting(a -> a.get("outcome")).containsExactly("hung", "hung");
        // each attempt had its own worker: the hung one was killed and a new one started
        assertThat(tries.get(0).get("worker_pid")).isNotEqualTo(tries.get(1).get("worker_pid"));
        long pid = ((Number) tries.get(1).get("worker_pid")).longValue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void a_crashing_worker_is_retried_then_the_job_is_an_error_with_its_last_words(@TempDir Path dir)
            throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = run(dir, runDir, grid("""
                  - {id: crash, text: CRASH now}
                  - {id: fine, text: a sunny beach}
                """, "retries: 2\n"));
        assertThat(r.code()).isEqualTo(3);
        Map<String, Map<String, Object>> rows = byPrompt(runDir);
        assertThat(rows.get("crash"))
                .containsEntry("status", "error")
                .containsEntry("attempts", 3)
                .containsEntry("error_code", "worker_crashed");
        assertThat((String) rows.get("crash").get("message"))
                .contains("exit code 3")
                .contains("crashing on purpose");
        assertThat(rows.get("fine")).containsEntry("status", "ok");
    }

    @Test
    void a_line_that_is_not_the_protocol_is_reported_with_the_line(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = run(dir, runDir, grid("  - {id: garbled, text: BADLINE}\n", "retries: 0\n"));
        assertThat(r.code()).isEqualTo(1); // no job ok
        assertThat((String) byPrompt(runDir).get("garbled").get("message"))
                .contains("not protocol JSON: 'this is not json'");
    }

    @Test
    void prompts_and_paths_reach_the_worker_intact_without_a_shell(@TempDir Path dir) throws IOException {
        String prompt = "it's a \"test\" $(touch PWNED); echo hi; `touch PWNED2` & | > < * \\ ~ 'end'";
        String negative = "no $(rm -rf ~); 'please'";
        Path runDir = dir.resolve("run dir 'a'; $(touch PWNED3) \"b\"");
        Cli.Result r = run(
                dir,
                runDir,
                grid(
                        "  - {id: odd, text: " + Experiments.quoted(prompt) + "}\n",
                        "negative_prompt: " + Experiments.quoted(negative) + "\n"));
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> requests = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("requests.jsonl"))) {
            requests.add(JSON.readTree(line).get("request"));
        }
        assertThat(requests).hasSize(1);
        assertThat(ProtocolSchemas.requestProblems(requests.get(0))).isEmpty();
        JsonNode job = requests.get(0).get("job");
        assertThat(job.get("prompt").asText()).isEqualTo(prompt);
        assertThat(job.get("negative_prompt").asText()).isEqualTo(negative);
        assertThat(Path.of(job.get("out").asText())).startsWith(runDir).exists();
        assertThat(Path.of(job.get("plan").asText())).startsWith(runDir).exists();
        try (var files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("PWNED"));
        }
        assertThat(Path.of("PWNED")).doesNotExist();
        assertThat(byPrompt(runDir).get("odd")).containsEntry("prompt", prompt);
    }

    @Test
    void one_worker_per_visible_gpu_shares_the_queue(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Path exp = Experiments.write(
                dir,
                "exp.yaml",
                "models: [tiny-wan]\nmethods: [dense, lvsa]\nhorizons: [1, 2]\n"
                        + "steps: 2\ndevice: cuda\nseeds: [0, 1, 2]\nprompts:\n  - {id: a, text: PAUSE by a slow river}\n");
        Cli.Result r = Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--devices",
                "3,5",
                "--python",
                Repo.systemPython(),
                "--worker-script",
                Repo.fakeWorker(dir.resolve("fake")).toString(),
                "--progress",
                "none");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("requests.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(12);
        // two workers, each started with --device cuda and seeing only its own GPU, both took jobs
        assertThat(lines.stream().map(l -> l.get("visible").asText()).distinct())
                .containsExactlyInAnyOrder("3", "5");
        assertThat(lines.stream().map(l -> l.get("device").asText()).distinct()).containsExactly("cuda");
        try (Ledger l = Ledger.openExisting(runDir)) {
            assertThat(l.query("SELECT DISTINCT worker FROM attempts ORDER BY worker"))
                    .extracting(m -> m.get("worker"))
                    .containsExactly("cuda:3", "cuda:5");
        }
    }

    static Cli.Result runWith(Path dir, Path runDir, String yaml, String script) throws IOException {
        Path exp = Experiments.write(dir, "exp.yaml", yaml);
        Path worker = Experiments.write(dir, "worker.py", script);
        return Cli.run(
                "run",
                exp.toString(),
                "--out",
                runDir.toString(),
                "--python",
                Repo.systemPython(),
                "--worker-script",
                worker.toString(),
                "--progress",
                "none");
    }

    @Test
    void a_worker_that_never_says_ready_is_given_up_and_the_jobs_stay_pending(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = runWith(
                dir,
                runDir,
                grid("  - {id: a, text: fine}\n", "ready_timeout_s: 1\n"),
                "import sys, time\nsys.stderr.write('loading forever\\n'); sys.stderr.flush()\ntime.sleep(3600)\n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("sent no ready line within 1 s").contains("loading forever");
        assertThat(byPrompt(runDir).get("a")).containsEntry("status", "pending").containsEntry("attempts", 0);
    }

    @Test
    void a_worker_that_cannot_start_says_why_once(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        Cli.Result r = runWith(dir, runDir, grid("  - {id: a, text: fine}\n", ""), """
                import json, sys
                print(json.dumps({"protocol": 1, "type": "error", "id": None, "status": "error",
                                  "error_code": "backend_unavailable", "message": "device cuda is not available"}))
                sys.exit(1)
                """);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("could not start: device cuda is not available");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(byPrompt(runDir).get("a")).containsEntry("status", "pending");
    }

    @Test
    void a_worker_of_another_protocol_version_is_refused_in_one_line_naming_both(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        int other = WorkerProtocol.VERSION + 1;
        Cli.Result r = runWith(dir, runDir, grid("  - {id: a, text: fine}\n", ""), """
                import json, os, sys
                print(json.dumps({"protocol": %d, "type": "ready", "protocol_version": %d, "pid": os.getpid()}),
                      flush=True)
                sys.stdin.read()
                """.formatted(other, other));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("speaks protocol version " + other + " but this runner speaks protocol version "
                        + WorkerProtocol.VERSION);
        assertThat(byPrompt(runDir).get("a")).containsEntry("status", "pending").containsEntry("attempts", 0);
    }
}
