package dev.lvsa.vqeval.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation of one video: container facts, the composite score and verdict, every dimension's
 * result, diagnostics, analysis settings and timings. {@link #toJson()} writes the JSON contract other
 * tools read ({@code frames}, {@code fps}, {@code width}, {@code height}, {@code composite_score},
 * {@code verdict}, {@code dimensions.<name>.score}, ...).
 */
public final class EvaluationReport {

    private final VideoInfo info;
    private final double compositeScore;
    private final Map<String, Double> weights;
    private final Map<String, DimensionResult> dimensions;
    private final Diagnostics diagnostics;
    private final Map<String, Object> analysis;
    private final Map<String, Long> timingMs;
    private final LoopFindings loop;
    private final Map<String, double[]> profiles;

    public EvaluationReport(
            VideoInfo info,
            double compositeScore,
            Map<String, Double> weights,
            Map<String, DimensionResult> dimensions,
            Diagnostics diagnostics,
            Map<String, Object> analysis,
            Map<String, Long> timingMs,
            LoopFindings loop,
            Map<String, double[]> profiles) {
        this.info = info;
        this.compositeScore = compositeScore;
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        this.diagnostics = diagnostics;
        this.analysis = Collections.unmodifiableMap(new LinkedHashMap<>(analysis));
        this.timingMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingMs));
        this.loop = loop;
        this.profiles = profiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    public VideoInfo info() {
        return info;
    }

    public String video() {
        return info.video();
    }

    public double compositeScore() {
        return compositeScore;
    }

    public Verdict verdict() {
        return Verdict.of(compositeScore);
    }

    /** Normalised weights used for the composite (sum 1). */
    public Map<String, Double> weights() {
        return weights;
    }

    public Map<String, DimensionResult> dimensions() {
        return dimensions;
    }

    public DimensionResult dimension(String name) {
        DimensionResult r = dimensions.get(name);
        if (r == null) {
            throw new IllegalArgumentException(
                    "no dimension " + name + " in this report (have " + dimensions.keySet() + ")");
        }
        return r;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public Map<String, Object> analysis() {
        return analysis;
    }

    public Map<String, Long> timingMs() {
        return timingMs;
    }

    /** The repetition findings, including the self-similarity matrix (not written to JSON). */
    public LoopFindings loop() {
        return loop;
    }

    /** Per-frame profiles (motion, novelty, similarity) for figures; written to JSON only on request. */
    public Map<String, double[]> profiles() {
        return profiles;
    }

    /** The JSON report, pretty-printed, without per-frame profiles. */
    public String toJson() {
        return ReportJsonWriter.write(this, false);
    }

    /** The JSON report; {@code withProfiles} adds the per-frame profiles. */
    public String toJson(boolean withProfiles) {
        return ReportJsonWriter.write(this, withProfiles);
    }
}
