package dev.lvsa.runner.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lvsa.runner.ledger.JobRow;
import dev.lvsa.runner.ledger.Ledger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row per job, with the export's column names. The first sixteen columns are the contract the issue fixes
 * ({@link #REQUIRED}); the rest are extras. Empty cells: not applicable or not (yet) known, e.g. no score for a job
 * that failed. {@code video} and {@code plan} are relative to the run folder.
 */
public final class RunTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Columns every consumer may rely on, in this order. */
    public static final List<String> REQUIRED = List.of(
            "model",
            "method",
            "horizon",
            "frames",
            "prompt_id",
            "seed",
            "status",
            "total_s",
            "peak_memory_gb",
            "density",
            "composite_score",
            "loop_quality",
            "temporal_dynamics",
            "frame_similarity",
            "spatial_quality",
            "temporal_coherence");
    /** Extra columns, after the required ones. */
    public static final List<String> EXTRA = List.of(
            "job_id",
            "variant",
            "method_params",
            "height",
            "width",
            "steps",
            "guidance",
            "backend",
            "backend_requested",
            "device",
            "dtype",
            "riflex_k",
            "expected_density",
            "mean_step_s",
            "step_latency_s",
            "steps_run",
            "model_load_s",
            "model_cached",
            "attempts",
            "peak_memory_kind",
            "error_code",
            "message",
            "score_status",
            "cycle_detected",
            "cycle_period_frames",
            "first_repeat_frame",
            "freeze_ratio",
            "norepeat",
            "repeat_ratio",
            "subject_consistency",
            "background_consistency",
            "temporal_flicker",
            "motion_smoothness",
            "dynamic_degree",
            "scoring_s",
            "score_message",
            "video",
            "plan",
            "prompt",
            "negative_prompt",
            "weights",
            "phase_s",
            "phase_peak_memory_gb",
            "timed_steps",
            "estimated_denoise_s",
            "estimated_total_s",
            "memory_cap_gb",
            "vae_decode");

    private RunTable() {}

    /** Every column, in order. */
    public static List<String> columns() {
        List<String> c = new ArrayList<>(REQUIRED);
        c.addAll(EXTRA);
        return c;
    }

    /** The rows, in ledger order. */
    public static List<Map<String, Object>> rows(Ledger ledger) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : ledger.table()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : columns()) {
                row.put(c, value(r, c));
            }
            out.add(row);
        }
        return out;
    }

    private static Object value(Map<String, Object> r, String column) {
        return switch (column) {
            case "horizon" -> plain(r.get("horizon"));
            case "video" -> r.get("video_path");
            case "plan" -> r.get("plan_path");
            case "message" -> r.get("result_message") != null ? r.get("result_message") : r.get("job_message");
            case "cycle_detected", "model_cached" ->
                r.get(column) == null ? null : ((Number) r.get(column)).intValue() != 0;
            // dummy: random weights of the real architecture, timed and never scored (speed only)
            case "weights" -> JobRow.dummyWeights((String) r.get("spec_json")) ? "dummy" : null;
            // speed runs (timed steps: the worker's 50-step estimate), the memory cap and how the VAE decoded
            case "phase_s",
                    "phase_peak_memory_gb",
                    "timed_steps",
                    "estimated_denoise_s",
                    "estimated_total_s",
                    "memory_cap_gb",
                    "vae_decode" -> resultField(r.get("result_json"), column);
            default -> r.get(column);
        };
    }

    /** A field of the worker's result: text as it is, anything else as compact JSON (null when absent). */
    static String resultField(Object resultJson, String field) {
        if (resultJson == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(resultJson.toString()).get(field);
            return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** 1.0 -> "1", 1.5 -> "1.5". */
    static String plain(Object v) {
        if (v == null) {
            return null;
        }
        return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
    }
}
