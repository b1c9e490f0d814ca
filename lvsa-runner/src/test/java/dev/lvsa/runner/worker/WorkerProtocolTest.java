package dev.lvsa.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.runner.support.ProtocolSchemas;
import dev.lvsa.runner.support.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines the runner reads follow the protocol's JSON Schemas ({@code contracts/worker-protocol/v1/}), from the
 * fake worker the other tests use and from the real one; a ready line of another protocol version is refused.
 */
class WorkerProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_ready_line_of_another_protocol_version_is_refused_naming_both() throws Exception {
        ObjectNode ready = (ObjectNode) JSON.readTree("{\"type\": \"ready\"}");
        ready.put("protocol", WorkerProtocol.VERSION).put("protocol_version", WorkerProtocol.VERSION);
        assertThat(WorkerProtocol.refusal("cpu", ready)).isNull();
        ready.put("protocol", WorkerProtocol.VERSION + 1).put("protocol_version", WorkerProtocol.VERSION + 1);
        assertThat(WorkerProtocol.refusal("cpu (python3 w.py)", ready))
                .isEqualTo("worker cpu (python3 w.py) speaks "
                        + "protocol version " + (WorkerProtocol.VERSION + 1)
                        + " but this runner speaks protocol version "
                        + WorkerProtocol.VERSION
                        + " (contracts/worker-protocol/v1): use the worker of the same checkout as "
                        + "the runner");
        ready.remove(List.of("protocol", "protocol_version"));
        assertThat(WorkerProtocol.refusal("cpu", ready))
                .contains("speaks no protocol version but this runner speaks " + "protocol version "
                        + WorkerProtocol.VERSION);
    }

    @Test
    void the_fake_worker_speaks_the_schemas(@TempDir Path dir) throws Exception {
        Path fake = Repo.fakeWorker(dir.resolve("fake"));
        WorkerLaunch launch =
                new WorkerLaunch("cpu", List.of(Repo.systemPython(), fake.toString()), "cpu", Map.of(), null, null);
        List<JsonNode> lines = session(
                launch,
                dir,
                job(dir, "tiny-wan", "/no/plan.json", 33, 4, "a calm lake"),
                job(dir, "tiny-wan", "/no/plan.json", 33, 4, "OOM on purpose"));
        assertThat(lines).extracting(l -> l.path("type").asText()).contains("ready", "progress", "result");
        for (String request : Files.readAllLines(dir.resolve("requests.jsonl"))) { // what reached the worker
            assertThat(ProtocolSchemas.requestProblems(JSON.readTree(request).get("request")))
                    .isEmpty();
        }
        // and the schemas do refuse: another version (a reference to version.json), a field they do not define
        ObjectNode result = (ObjectNode) lines.stream()
                .filter(l -> l.path("type").asText().equals("result"))
                .findFirst()
                .orElseThrow()
                .deepCopy();
        assertThat(ProtocolSchemas.problems(result.deepCopy().put("protocol", WorkerProtocol.VERSION + 1)))
                .isNotEmpty();
        assertThat(ProtocolSchemas.problems(result.deepCopy().put("inner", "fa4")))
                .isNotEmpty();
        assertThat(ProtocolSchemas.problems(ready(lines).deepCopy().put("protocol_version", 0)))
                .isNotEmpty();
    }

    @Test
    void the_real_worker_speaks_the_schemas(@TempDir Path dir) throws Exception {
        Repo.assumeRealWorker();
        // this checkout's worker, whatever the venv's editable install points at
        Map<String, String> env =
                Map.of("PYTHONPATH", Repo.root().resolve("lvsa-runner/worker").toString());
        WorkerLaunch launch = new WorkerLaunch(
                "cpu", List.of(Repo.venvPython().toString(), "-m", "lvsa_worker"), "cpu", env, "tiny-wan", null);
        Path plan = Repo.root().resolve("contracts/attention-plan/v1/golden/tiny-wan_riflex_33f.json");
        ObjectNode timed = job(dir, "tiny-wan", plan.toString(), 33, 4, "a kite");
        timed.put("timed_steps", 2);
        ObjectNode mismatch = job(dir, "tiny-wan", plan.toString(), 37, 4, "a kite");
        ObjectNode incomplete = JSON.createObjectNode().put("model", "tiny-wan");
        List<JsonNode> lines = session(launch, dir, timed, mismatch, incomplete);
        List<JsonNode> results = lines.stream()
                .filter(l -> l.path("type").asText().equals("result"))
                .toList();
        assertThat(results).extracting(r -> r.path("status").asText()).containsExactly("ok", "error", "error");
        assertThat(results.get(0).has("riflex")).isTrue();
        assertThat(results.get(0).path("timed_step_indices").toString()).isEqualTo("[0,3]");
        assertThat(results.get(1).path("error_code").asText()).isEqualTo("geometry_mismatch");
        assertThat(results.get(2).path("error_code").asText()).isEqualTo("bad_request");
    }

    /** Starts a worker, runs {@code jobs} one after the other and checks every line read against the schemas. */
    private static List<JsonNode> session(WorkerLaunch launch, Path dir, ObjectNode... jobs) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (WorkerProcess w = WorkerProcess.start(launch, Duration.ofSeconds(300), dir.resolve("logs"))) {
            lines.add(w.ready());
            int n = 0;
            for (ObjectNode job : jobs) {
                WorkerOutcome o = w.generate(
                        "job-" + ++n, job, 300, Duration.ofSeconds(400), lines::add, dir.resolve("job-" + n + ".log"));
                assertThat(o).as(o.toString()).isInstanceOf(WorkerOutcome.Finished.class);
                lines.add(((WorkerOutcome.Finished) o).result());
            }
        }
        for (JsonNode line : lines) {
            assertThat(ProtocolSchemas.problems(line)).as(line.toString()).isEmpty();
        }
        return lines;
    }

    private static ObjectNode ready(List<JsonNode> lines) {
        return (ObjectNode) lines.get(0);
    }

    private static ObjectNode job(Path dir, String model, String plan, int frames, int steps, String prompt) {
        return JSON.createObjectNode()
                .put("model", model)
                .put("plan", plan)
                .put("frames", frames)
                .put("height", 64)
                .put("width", 96)
                .put("steps", steps)
                .put("seed", 0)
                .put(
                        "out",
                        dir.resolve("videos")
                                .resolve(prompt.replace(' ', '-') + ".mp4")
                                .toString())
                .put("device", "cpu")
                .put("prompt", prompt);
    }
}
