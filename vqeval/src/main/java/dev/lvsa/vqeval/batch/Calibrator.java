package dev.lvsa.vqeval.batch;

import dev.lvsa.vqeval.api.Dimension;
import dev.lvsa.vqeval.api.EvaluationReport;
import dev.lvsa.vqeval.api.NormRange;
import dev.lvsa.vqeval.api.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Derives a preset from a user's own videos: for every metric that feeds a score, its {@code low} and
 * {@code high} percentiles over the set become the new range (the better end maps to 100, the worse to
 * 0), keeping the metric's direction. Metrics whose values barely vary over the set keep their default.
 */
public final class Calibrator {

    private final double lowPercentile;
    private final double highPercentile;

    public Calibrator(double lowPercentile, double highPercentile) {
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException(
                    "percentiles must satisfy 0 <= low < high <= 100, got " + lowPercentile + "," + highPercentile);
        }
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
    }

    public Preset calibrate(
            String name,
            List<EvaluationReport> reports,
            Map<String, Dimension> dimensions,
            Map<String, Object> provenance) {
        if (reports.size() < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 scored videos, got " + reports.size());
        }
        Map<String, NormRange> ranges = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (Dimension d : dimensions.values()) {
            for (Map.Entry<String, NormRange> e : d.defaultRanges().entrySet()) {
                String key = d.name() + "." + e.getKey();
                double[] values = reports.stream()
                        .map(r -> r.dimensions().get(d.name()))
                        .filter(r -> r != null)
                        .mapToDouble(r -> r.metric(e.getKey()))
                        .filter(Double::isFinite)
                        .toArray();
                NormRange def = e.getValue();
                if (values.length < 2) {
                    kept.add(key + " (fewer than 2 values)");
                    continue;
                }
                double lo = percentile(values, lowPercentile);
                double hi = percentile(values, highPercentile);
                if (hi - lo <= 0.01 * Math.abs(def.good() - def.bad())) {
                    kept.add(key + " (values too alike: " + lo + ".." + hi + ")");
                    continue;
                }
                ranges.put(key, def.higherIsBetter() ? new NormRange(hi, lo) : new NormRange(lo, hi));
            }
        }
        Map<String, Object> info = new LinkedHashMap<>(provenance);
        info.put("videos", reports.size());
        info.put("percentiles", List.of(lowPercentile, highPercentile));
        info.put("kept_default", kept);
        return new Preset(name, ranges, Map.of(), info);
    }

    /** Percentile p (0-100), linear interpolation between order statistics. */
    static double percentile(double[] values, double p) {
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, Math.max(1e-9, p));
    }
}
