package dev.lvsa.baselines.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code pattern analyze} reports for one method over one job. FLOPs per generation count every step and
 * {@code cfgPasses} transformer passes per step; "per step" figures count the CFG passes of one step.
 *
 * @param model                        model name
 * @param method                       method name
 * @param videoFrames                  video frames
 * @param latentFrames                 latent frames T
 * @param height                       pixels
 * @param width                        pixels
 * @param tokensPerFrame               P
 * @param textTokens                   text tokens in self-attention
 * @param referenceLatentFrames        training horizon in latent frames
 * @param horizon                      (F-1)/(F_ref-1), e.g. 6.0 at 481 frames for Wan
 * @param steps                        denoising steps
 * @param cfgPasses                    transformer passes per step counted
 * @param kfi                          LVSA key-frame interval (null for other methods)
 * @param methodParams                 resolved knobs
 * @param density                      frame-level density at step 0
 * @param meanDensity                  frame-level density averaged over steps
 * @param densityPerStep               frame-level density of every step
 * @param tokenDensity                 token-level density at step 0 (text tokens included)
 * @param meanTokenDensity             token-level density averaged over steps
 * @param attentionFlopsDense          self-attention core FLOPs per generation, dense
 * @param attentionFlops               self-attention core FLOPs per generation, this method
 * @param attentionFlopsDensePerStep   dense self-attention core FLOPs of one step
 * @param attentionFlopsPerStep        this method's self-attention core FLOPs per step, mean over steps
 * @param attentionComputeReduction    attentionFlopsDense / attentionFlops
 * @param transformerFlopsDense        whole-transformer FLOPs per generation, dense
 * @param transformerFlops             whole-transformer FLOPs per generation, this method
 * @param transformerFlopsDensePerStep dense whole-transformer FLOPs of one step
 * @param transformerFlopsPerStep      this method's whole-transformer FLOPs per step, mean over steps
 * @param computeReduction             whole transformer: transformerFlopsDense / transformerFlops
 * @param attentionShareOfDenseStep    self-attention core / whole transformer, dense
 * @param denseStepBreakdown           dense FLOPs of one step by part
 * @param anchorFullCoverageStep       first step by which every frame has been an anchor (null if never)
 * @param anchorCountPerFrame          for each frame, the steps at which it was an anchor
 * @param budget                       key frames per query frame
 * @param architectureNominal          true when the model's sizes are nominal (tiny presets): FLOPs illustrative
 * @param notes                        how the figures were counted
 */
@JsonPropertyOrder({
    "model",
    "method",
    "video_frames",
    "latent_frames",
    "height",
    "width",
    "tokens_per_frame",
    "text_tokens",
    "reference_latent_frames",
    "horizon",
    "steps",
    "cfg_passes",
    "kfi",
    "method_params",
    "density",
    "mean_density",
    "density_per_step",
    "token_density",
    "mean_token_density",
    "attention_flops_dense",
    "attention_flops",
    "attention_flops_dense_per_step",
    "attention_flops_per_step",
    "attention_compute_reduction",
    "transformer_flops_dense",
    "transformer_flops",
    "transformer_flops_dense_per_step",
    "transformer_flops_per_step",
    "compute_reduction",
    "attention_share_of_dense_step",
    "dense_step_breakdown",
    "anchor_full_coverage_step",
    "anchor_count_per_frame",
    "budget",
    "architecture_nominal",
    "notes"
})
public record AnalysisReport(
        @JsonProperty("model") String model,
        @JsonProperty("method") String method,
        @JsonProperty("video_frames") int videoFrames,
        @JsonProperty("latent_frames") int latentFrames,
        @JsonProperty("height") int height,
        @JsonProperty("width") int width,
        @JsonProperty("tokens_per_frame") int tokensPerFrame,
        @JsonProperty("text_tokens") int textTokens,
        @JsonProperty("reference_latent_frames") int referenceLatentFrames,
        @JsonProperty("horizon") double horizon,
        @JsonProperty("steps") int steps,
        @JsonProperty("cfg_passes") int cfgPasses,
        @JsonProperty("kfi") Integer kfi,
        @JsonProperty("method_params") Map<String, Object> methodParams,
        @JsonProperty("density") double density,
        @JsonProperty("mean_density") double meanDensity,
        @JsonProperty("density_per_step") List<Double> densityPerStep,
        @JsonProperty("token_density") double tokenDensity,
        @JsonProperty("mean_token_density") double meanTokenDensity,
        @JsonProperty("attention_flops_dense") double attentionFlopsDense,
        @JsonProperty("attention_flops") double attentionFlops,
        @JsonProperty("attention_flops_dense_per_step") double attentionFlopsDensePerStep,
        @JsonProperty("attention_flops_per_step") double attentionFlopsPerStep,
        @JsonProperty("attention_compute_reduction") double attentionComputeReduction,
        @JsonProperty("transformer_flops_dense") double transformerFlopsDense,
        @JsonProperty("transformer_flops") double transformerFlops,
        @JsonProperty("transformer_flops_dense_per_step") double transformerFlopsDensePerStep,
        @JsonProperty("transformer_flops_per_step") double transformerFlopsPerStep,
        @JsonProperty("compute_reduction") double computeReduction,
        @JsonProperty("attention_share_of_dense_step") double attentionShareOfDenseStep,
        @JsonProperty("dense_step_breakdown") FlopCount denseStepBreakdown,
        @JsonProperty("anchor_full_coverage_step") Integer anchorFullCoverageStep,
        @JsonProperty("anchor_count_per_frame") List<Integer> anchorCountPerFrame,
        @JsonProperty("budget") Budget budget,
        @JsonProperty("architecture_nominal") boolean architectureNominal,
        @JsonProperty("notes") List<String> notes) {}
