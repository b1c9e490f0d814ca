package dev.lvsa.baselines.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Per-query budget: key frames attended per query frame, over every query frame and every step.
 *
 * @param min  fewest
 * @param mean mean
 * @param max  most
 */
@JsonPropertyOrder({"min", "mean", "max"})
public record Budget(
        @JsonProperty("min") int min,
        @JsonProperty("mean") double mean,
        @JsonProperty("max") int max) {}
