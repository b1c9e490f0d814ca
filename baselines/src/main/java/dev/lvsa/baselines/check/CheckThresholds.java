package dev.lvsa.baselines.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lvsa.common.BadInputException;

/**
 * What a candidate must satisfy in every cell; null means "not checked".
 *
 * @param maxDensityRatio     candidate mean frame density / baseline mean frame density must be at most this
 * @param maxDensity          candidate mean frame density must be at most this
 * @param requireFullCoverage every frame must have been an anchor by the last step
 * @param budgetMin           every query frame attends at least this many key frames, at every step
 * @param budgetMax           every query frame attends at most this many key frames, at every step
 */
@JsonPropertyOrder({"max_density_ratio", "max_density", "require_full_coverage", "budget_min", "budget_max"})
public record CheckThresholds(
        @JsonProperty("max_density_ratio") Double maxDensityRatio,
        @JsonProperty("max_density") Double maxDensity,
        @JsonProperty("require_full_coverage") boolean requireFullCoverage,
        @JsonProperty("budget_min") Integer budgetMin,
        @JsonProperty("budget_max") Integer budgetMax) {
    public CheckThresholds {
        if (maxDensityRatio != null && !(maxDensityRatio > 0)) {
            throw new BadInputException("max density ratio " + maxDensityRatio + ": must be > 0");
        }
        if (maxDensity != null && !(maxDensity > 0 && maxDensity <= 1)) {
            throw new BadInputException("max density " + maxDensity + ": must be in (0, 1]");
        }
        if (budgetMin != null && budgetMin < 0 || budgetMax != null && budgetMax < 0) {
            throw new BadInputException("budget bounds must be >= 0");
        }
        if (budgetMin != null && budgetMax != null && budgetMin > budgetMax) {
            throw new BadInputException("budget min " + budgetMin + " > budget max " + budgetMax);
        }
    }

    /** Whether no threshold at all is set (a check that cannot fail). */
    public boolean isEmpty() {
        return maxDensityRatio == null
                && maxDensity == null
                && !requireFullCoverage
                && budgetMin == null
                && budgetMax == null;
    }
}
