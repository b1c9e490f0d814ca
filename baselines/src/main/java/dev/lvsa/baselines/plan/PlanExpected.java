package dev.lvsa.baselines.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * Densities the planner computed, for the worker to compare with what it realises. Written with six decimals
 * ({@link SixDecimals}) so plan files are identical on every JVM.
 */
@JsonPropertyOrder({"frame_density_per_step", "mean_frame_density", "mean_token_density"})
public record PlanExpected(
        @JsonProperty("frame_density_per_step") @JsonSerialize(contentUsing = SixDecimals.class)
        List<Double> frameDensityPerStep,

        @JsonProperty("mean_frame_density") @JsonSerialize(using = SixDecimals.class)
        double meanFrameDensity,

        @JsonProperty("mean_token_density") @JsonSerialize(using = SixDecimals.class)
        double meanTokenDensity) {}
