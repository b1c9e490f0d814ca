package dev.lvsa.baselines.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lvsa.baselines.analysis.Budget;
import java.util.List;

/**
 * The outcome of a regression check.
 *
 * @param pass       every cell passed
 * @param candidate  candidate pattern as given
 * @param baseline   baseline pattern as given
 * @param thresholds thresholds applied
 * @param cells      one row per (model, horizon)
 * @param failures   every failure, "model @ frames: what"
 */
@JsonPropertyOrder({"pass", "candidate", "baseline", "thresholds", "cells", "failures"})
public record CheckReport(
        @JsonProperty("pass") boolean pass,
        @JsonProperty("candidate") String candidate,
        @JsonProperty("baseline") String baseline,
        @JsonProperty("thresholds") CheckThresholds thresholds,
        @JsonProperty("cells") List<Cell> cells,
        @JsonProperty("failures") List<String> failures) {

    /**
     * One cell of the grid.
     *
     * @param model        model name
     * @param videoFrames  video frames
     * @param latentFrames T
     * @param horizon      (F-1)/(F_ref-1)
     * @param steps        steps analysed
     * @param candidate    the candidate's figures
     * @param baseline     the baseline's figures
     * @param densityRatio candidate mean frame density / baseline mean frame density
     * @param pass         whether this cell passed
     * @param failures     this cell's failures
     */
    @JsonPropertyOrder({
        "model",
        "video_frames",
        "latent_frames",
        "horizon",
        "steps",
        "candidate",
        "baseline",
        "density_ratio",
        "pass",
        "failures"
    })
    public record Cell(
            @JsonProperty("model") String model,
            @JsonProperty("video_frames") int videoFrames,
            @JsonProperty("latent_frames") int latentFrames,
            @JsonProperty("horizon") double horizon,
            @JsonProperty("steps") int steps,
            @JsonProperty("candidate") Figures candidate,
            @JsonProperty("baseline") Figures baseline,
            @JsonProperty("density_ratio") double densityRatio,
            @JsonProperty("pass") boolean pass,
            @JsonProperty("failures") List<String> failures) {}

    /**
     * One pattern's figures in a cell.
     *
     * @param method                 method name
     * @param kfi                    LVSA kfi or null
     * @param density                frame density at step 0
     * @param meanDensity            frame density over steps
     * @param meanTokenDensity       token density over steps
     * @param computeReduction       whole-transformer FLOP reduction vs dense
     * @param anchorFullCoverageStep first step by which every frame was an anchor, or null
     * @param budget                 key frames per query frame
     */
    @JsonPropertyOrder({
        "method",
        "kfi",
        "density",
        "mean_density",
        "mean_token_density",
        "compute_reduction",
        "anchor_full_coverage_step",
        "budget"
    })
    public record Figures(
            @JsonProperty("method") String method,
            @JsonProperty("kfi") Integer kfi,
            @JsonProperty("density") double density,
            @JsonProperty("mean_density") double meanDensity,
            @JsonProperty("mean_token_density") double meanTokenDensity,
            @JsonProperty("compute_reduction") double computeReduction,
            @JsonProperty("anchor_full_coverage_step") Integer anchorFullCoverageStep,
            @JsonProperty("budget") Budget budget) {}
}
