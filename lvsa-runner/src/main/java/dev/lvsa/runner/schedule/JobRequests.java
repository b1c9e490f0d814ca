package dev.lvsa.runner.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.ResultRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker protocol's {@code job} object for a ledger job, and the worker's {@code result} turned into a
 * {@link ResultRow}. Text (prompts, paths) travels as JSON strings, never through a shell.
 */
public final class JobRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRequests() {}

    /**
     * The job object.
     *
     * @param runDir absolute run folder (plans and videos are given to the worker as absolute paths)
     * @param device the device to run on, or null for the worker's default
     */
    public static ObjectNode job(JobRow j, Path runDir, String device) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", j.modelPath());
        identityOptions(j, o);
        o.put("plan", runDir.resolve(j.planPath()).toString());
        o.put("frames", j.frames());
        o.put("height", j.height());
        o.put("width", j.width());
        o.put("steps", j.steps());
        o.put("seed", j.seed());
        o.put("out", runDir.resolve(j.videoPath()).toString());
        if (device != null) {
            o.put("device", device);
        }
        if (j.backendOverride() != null) {
            o.put("backend", j.backendOverride());
        }
        o.put("guidance", j.guidance());
        o.put("prompt", j.prompt());
        o.put("negative_prompt", j.negativePrompt());
        o.put("fps", j.fps());
        if (j.dtype() != null) {
            o.put("dtype", j.dtype());
        }
        o.put("offload", j.offload());
        return o;
    }

    /**
     * The job object as {@code lvsa_worker generate} options, each one argument {@code --key=value} (no shell; a
     * prompt that starts with '-' stays a value): the required fields, then the optional ones present, then
     * {@code --timeout-s}. The device is left out (the launch gives it).
     */
    public static List<String> generateArgs(ObjectNode job, double timeoutS) {
        List<String> args = new ArrayList<>();
        for (String key : List.of(
                "model",
                "plan",
                "frames",
                "height",
                "width",
                "steps",
                "seed",
                "out",
                "backend",
                "guidance",
                "prompt",
                "negative_prompt",
                "fps",
                "dtype",
                "offload",
                "weights",
                "text",
                "timed_steps",
                "memory_cap_gb")) {
            JsonNode v = job.get(key);
            if (v != null && !v.isNull()) {
                args.add("--" + key.replace('_', '-') + "=" + v.asText());
            }
        }
        args.add("--timeout-s=" + timeoutS);
        return args;
    }

    /** The worker's result line as a ledger result. An unknown or missing status becomes {@code error}. */
    public static ResultRow result(JsonNode r) {
        String status = r.path("status").asText("");
        String message = r.path("message").asText("");
        String errorCode = text(r, "error_code");
        if (!status.equals("ok") && !status.equals("oom") && !status.equals("error") && !status.equals("timeout")) {
            message = "worker result has no valid status ('" + status + "'): " + message;
            status = "error";
            errorCode = "bad_result";
        }
        JsonNode steps = r.path("step_latency_s");
        Double mean = null;
        if (steps.isArray() && !steps.isEmpty()) {
            double sum = 0;
            for (JsonNode s : steps) {
                sum += s.asDouble();
            }
            mean = sum / steps.size();
        }
        return new ResultRow(
                status,
                errorCode,
                num(r, "total_s"),
                peakMemory(r),
                text(r, "peak_memory_kind"),
                num(r, "density"),
                num(r, "expected_density"),
                text(r, "backend"),
                text(r, "device"),
                text(r, "dtype"),
                integer(r, "riflex_k"),
                steps.isArray() ? steps.toString() : null,
                mean,
                integer(r, "steps_run"),
                r.path("model_cached").isBoolean() ? r.get("model_cached").asBoolean() : null,
                num(r, "model_load_s"),
                integer(r, "frames_written"),
                text(r, "output"),
                message,
                r.toString());
    }

    /**
     * The job's peak memory: its {@code peak_memory_gb}, or the highest of its {@code phase_peak_memory_gb} where
     * that is higher. Workers of 2026-12-04/05 reset the device's peak counter at each phase and then reported the
     * last phase's peak as the job's; their phase peaks are right, so the job's peak is read from them.
     */
    static Double peakMemory(JsonNode r) {
        Double peak = num(r, "peak_memory_gb");
        for (JsonNode phase : r.path("phase_peak_memory_gb")) {
            if (phase.isNumber() && (peak == null || phase.asDouble() > peak)) {
                peak = phase.asDouble();
            }
        }
        return peak;
    }

    private static Double num(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static Integer integer(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? v.asInt() : null;
    }

    private static String text(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * What the job's identity ({@code spec_json}) carries beyond the ledger's columns, for the worker, each only when
     * the job has it: dummy weights and their text option, timed steps, the memory cap.
     */
    static void identityOptions(JobRow j, ObjectNode o) {
        JsonNode id;
        try {
            id = JSON.readTree(j.specJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(j.jobId() + ": unreadable job identity in the ledger", e);
        }
        if (j.dummyWeights()) {
            o.put("weights", "dummy");
            String text = id.path("text").asText("encoder");
            if (!text.equals("encoder")) {
                o.put("text", text);
            }
        }
        if (id.has("timed_steps")) {
            o.put("timed_steps", id.get("timed_steps").asInt());
        }
        if (id.has("memory_cap_gb")) {
            o.put("memory_cap_gb", id.get("memory_cap_gb").asDouble());
        }
    }
}
