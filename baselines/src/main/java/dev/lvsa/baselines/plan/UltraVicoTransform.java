package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * UltraViCo's score transform: positive logits whose key lies more than {@code distanceTokens} flattened video
 * positions from the query are multiplied by {@code alpha}; queries of the first latent frame do not attend video
 * keys more than {@code firstFrameKeyLimitTokens} away. {@code beta}/{@code betaPeriodTokens}: the HunyuanVideo
 * variant's extra damping (null when not used).
 */
@JsonPropertyOrder({"kind", "alpha", "distance_tokens", "first_frame_key_limit_tokens", "beta", "beta_period_tokens"})
public record UltraVicoTransform(
        @JsonProperty("kind") String kind,
        @JsonProperty("alpha") double alpha,
        @JsonProperty("distance_tokens") long distanceTokens,
        @JsonProperty("first_frame_key_limit_tokens") long firstFrameKeyLimitTokens,
        @JsonProperty("beta") Double beta,
        @JsonProperty("beta_period_tokens") Long betaPeriodTokens) {

    public static final String KIND = "ultravico";

    public UltraVicoTransform {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("score transform kind must be " + KIND + ", got " + kind);
        }
    }
}
