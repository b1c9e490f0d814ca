package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One generation job's attention plan, schema version 1 ({@code contracts/attention-plan/v1}). Field names and
 * meaning follow the schema; see {@code contracts/README.md}.
 *
 * @param schemaVersion  always 1
 * @param createdBy      tool and version that wrote the plan
 * @param model          model registry name
 * @param method         dense, riflex, ultravico, lvsa or a user pattern's name
 * @param methodParams   the method's knobs as resolved (for the record; the worker never reads them)
 * @param geometry       latent frames, tokens per frame, text tokens, training horizon
 * @param steps          denoising steps over the whole trajectory
 * @param mask           dense or frame blocks per step
 * @param scoreTransform UltraViCo's logit decay, or null
 * @param ropeTransform  RIFLEx's frequency change, or null
 * @param backend        kernel wanted; never a silent fallback
 * @param expected       densities the planner computed (may be null)
 */
@JsonPropertyOrder({
    "schema_version",
    "created_by",
    "model",
    "method",
    "method_params",
    "geometry",
    "steps",
    "mask",
    "score_transform",
    "rope_transform",
    "backend",
    "expected"
})
public record AttentionPlan(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("model") String model,
        @JsonProperty("method") String method,
        @JsonProperty("method_params") Map<String, Object> methodParams,
        @JsonProperty("geometry") PlanGeometry geometry,
        @JsonProperty("steps") int steps,
        @JsonProperty("mask") PlanMask mask,
        @JsonProperty("score_transform") UltraVicoTransform scoreTransform,
        @JsonProperty("rope_transform") RiflexTransform ropeTransform,
        @JsonProperty("backend") PlanBackend backend,

        @JsonProperty("expected") @JsonInclude(JsonInclude.Include.NON_NULL)
        PlanExpected expected) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;
}
