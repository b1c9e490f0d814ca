package dev.lvsa.vqeval.dimension;

import dev.lvsa.vqeval.api.AnalysisContext;
import dev.lvsa.vqeval.api.Dimension;
import dev.lvsa.vqeval.api.DimensionResult;
import dev.lvsa.vqeval.api.NormRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns raw metrics into a 0-100 score through the ranges in force, and records each metric's sub-score.
 * Two ways to combine: {@link #penalise} multiplies (1 - badness) terms (any one failure drags the score
 * down), {@link #blend} takes a weighted mean of goodness (soft qualities).
 */
final class Scorer {

    private final Dimension dimension;
    private final AnalysisContext context;
    private final Map<String, Double> components = new LinkedHashMap<>();
    private double product = 1.0;
    private double weightedSum = 0;
    private double weightSum = 0;

    Scorer(Dimension dimension, AnalysisContext context) {
        this.dimension = dimension;
        this.context = context;
    }

    /** Multiplies the score by the metric's goodness; NaN values are skipped. Returns the goodness. */
    double penalise(String metric, double value) {
        NormRange r = context.range(dimension, metric);
        double g = r.goodness(value);
        if (Double.isNaN(g)) {
            return Double.NaN;
        }
        components.put(metric, round1(100 * g));
        product *= g;
        return g;
    }

    /** Records a metric that only applies under a condition (e.g. a detected cycle) as fully good otherwise. */
    void penaliseIf(boolean applies, String metric, double value) {
        if (applies) {
            penalise(metric, value);
        } else {
            components.put(metric, 100.0);
        }
    }

    /** Adds the metric's goodness to a weighted mean; NaN values are skipped. */
    void blend(String metric, double value, double weight) {
        NormRange r = context.range(dimension, metric);
        double g = r.goodness(value);
        if (Double.isNaN(g)) {
            return;
        }
        components.put(metric, round1(100 * g));
        weightedSum += weight * g;
        weightSum += weight;
    }

    double productScore() {
        return clamp(100 * product);
    }

    double blendScore() {
        return weightSum > 0 ? clamp(100 * weightedSum / weightSum) : 50.0;
    }

    Map<String, Double> components() {
        return components;
    }

    /** The dimension's result scored by {@link #blendScore}, with the given raw metrics and no headline fields. */
    DimensionResult blendResult(Map<String, Object> metrics) {
        return new DimensionResult(dimension.name(), blendScore(), Map.of(), metrics, components);
    }

    /** The dimension's result scored by {@link #productScore}, with the given headline fields and raw metrics. */
    DimensionResult productResult(Map<String, Object> fields, Map<String, Object> metrics) {
        return new DimensionResult(dimension.name(), productScore(), fields, metrics, components);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(100, v));
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
