package dev.lvsa.vqeval.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dimension's outcome: a 0-100 score, its verdict, named headline fields (e.g. loop_quality's
 * {@code cycle_detected}), the raw metrics, and each metric's 0-100 sub-score. Values are numbers,
 * booleans, strings, lists of those, or null.
 */
public final class DimensionResult {

    private final String name;
    private final double score;
    private final Map<String, Object> fields;
    private final Map<String, Object> metrics;
    private final Map<String, Double> components;

    public DimensionResult(
            String name,
            double score,
            Map<String, Object> fields,
            Map<String, Object> metrics,
            Map<String, Double> components) {
        if (!(score >= 0 && score <= 100)) {
            throw new IllegalArgumentException(name + ": score " + score + " outside 0..100");
        }
        this.name = name;
        this.score = score;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    public String name() {
        return name;
    }

    public double score() {
        return score;
    }

    public Verdict verdict() {
        return Verdict.of(score);
    }

    /** Headline fields shown at the dimension level in JSON. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Raw metrics. */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /** 0-100 sub-score of each metric that feeds the score. */
    public Map<String, Double> components() {
        return components;
    }

    /** A raw metric as a double (NaN when absent or not a number). */
    public double metric(String key) {
        Object v = metrics.containsKey(key) ? metrics.get(key) : fields.get(key);
        return v instanceof Number num ? num.doubleValue() : Double.NaN;
    }
}
