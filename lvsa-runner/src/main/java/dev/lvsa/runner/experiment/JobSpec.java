package dev.lvsa.runner.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lvsa.baselines.plan.PlanBackend;
import dev.lvsa.datasets.prompts.Prompt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of the grid: everything that decides the video a job makes.
 *
 * @param model          the model
 * @param method         the method variant
 * @param horizon        length as a multiple of the model's training length ({@code (F-1)/(F_ref-1)} for explicit
 *                       frames)
 * @param frames         video frames
 * @param height         pixels
 * @param width          pixels
 * @param steps          denoising steps
 * @param guidance       classifier-free guidance scale
 * @param prompt         the prompt
 * @param negativePrompt the negative prompt
 * @param seed           noise seed
 * @param backend        attention backend asked for
 * @param dtype          precision, or null for the worker's default
 * @param fps            frame rate of the video file
 * @param offload        {@code none} or {@code model}
 * @param timedSteps     steps actually run (fewer than {@code steps}: a speed run, never scored), or null for all
 * @param memoryCapGb    the device-memory cap the job runs under (GB), or null for the whole device
 */
public record JobSpec(
        ModelEntry model,
        MethodVariant method,
        double horizon,
        int frames,
        int height,
        int width,
        int steps,
        double guidance,
        Prompt prompt,
        String negativePrompt,
        long seed,
        String backend,
        String dtype,
        int fps,
        String offload,
        Integer timedSteps,
        Double memoryCapGb) {
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The fields that decide the attention plan's masks: shared by the job identity and the plan file stem. */
    private Map<String, Object> maskFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.name());
        m.put("method", method.method());
        m.put("method_params", identityParams(method));
        m.put("frames", frames);
        m.put("height", height);
        m.put("width", width);
        m.put("steps", steps);
        return m;
    }

    /**
     * The method's knobs as job ids and plan stems hash them. LVSA's rotation knob is spelled {@code rotate}
     * everywhere (experiment files, plans, pattern specs, exports), but ids hash the spelling they were first issued
     * with, {@code rotation}, so a run folder made before the rename resumes its jobs instead of running them again.
     */
    private static Map<String, Object> identityParams(MethodVariant method) {
        if (!method.method().equals("lvsa") || !method.resolved().containsKey("rotate")) {
            return method.resolved();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        method.resolved().forEach((k, v) -> m.put(k.equals("rotate") ? "rotation" : k, v));
        return m;
    }

    /**
     * What the job id hashes: the fields that decide the video. Device, time limits and retries are left out (they
     * change how a job runs, not what it makes), so a re-run on other hardware finds the same jobs.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = maskFields();
        m.put("model_path", model.workerModel());
        if (model.dummy()) {
            // only dummy-weight jobs carry these: every other job keeps the id it always had
            m.put("weights", "dummy");
            m.put("text", model.text());
        }
        m.put("guidance", guidance);
        m.put("prompt_id", prompt.id());
        m.put("prompt", prompt.text());
        m.put("negative_prompt", negativePrompt);
        m.put("seed", seed);
        m.put("backend", backend);
        m.put("dtype", dtype);
        m.put("fps", fps);
        m.put("offload", offload);
        // present only when set, so every other job keeps the id it always had. Timed steps change the video
        // (most steps never run); a memory cap decides whether the job fits (an OOM under an 80 GB cap is not
        // the result of the same job on the whole device)
        if (timedSteps != null) {
            m.put("timed_steps", timedSteps);
        }
        if (memoryCapGb != null) {
            m.put("memory_cap_gb", memoryCapGb);
        }
        return m;
    }

    /** The canonical JSON of {@link #identity()} (keys sorted). */
    public String identityJson() {
        return canonical(identity());
    }

    /** Stable id: the first 16 hex digits of SHA-256 over {@link #identityJson()}. */
    public String jobId() {
        return sha256(identityJson()).substring(0, 16);
    }

    /** File stem of the job's video and log: readable, then the id. */
    public String stem() {
        return safe(model.name() + "_" + method.label() + "_" + frames + "f_" + prompt.id() + "_s" + seed) + "_"
                + jobId().substring(0, 8);
    }

    /** The backend written in the plan: the job's, or auto when the job's is a worker-only override (not in_plan). */
    public String planBackend() {
        return PlanBackend.NAMES.contains(backend) ? backend : "auto";
    }

    /** The backend sent as the job's override, or null to use the plan's. */
    public String jobBackendOverride() {
        return PlanBackend.NAMES.contains(backend) ? null : backend;
    }

    /** Plan file stem: jobs that differ only in prompt or seed share a plan. */
    public String planStem() {
        Map<String, Object> m = maskFields();
        m.put("backend", planBackend());
        return safe(model.name() + "_" + method.label() + "_" + frames + "f_" + height + "x" + width + "_" + steps
                        + "st")
                + "_" + sha256(canonical(m)).substring(0, 8);
    }

    static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job identity is not serialisable", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Letters, digits, '.', '_', '-' only; at most 120 characters. */
    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-");
        return t.length() > 120 ? t.substring(0, 120) : t;
    }
}
