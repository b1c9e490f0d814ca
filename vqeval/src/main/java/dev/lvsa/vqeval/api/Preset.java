package dev.lvsa.vqeval.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalisation ranges (and optionally weights) that override the dimensions' defaults. Range keys are
 * {@code <dimension>.<metric>}, e.g. {@code spatial_quality.sharpness}. {@code vqeval calibrate} derives
 * one from a user's own video set; {@code --preset FILE} applies it.
 *
 * @param name a label (e.g. the folder it was calibrated on)
 * @param ranges overriding ranges
 * @param weights overriding weights (may be empty)
 * @param info free-form provenance (source folder, number of videos, percentiles, date)
 */
public record Preset(
        String name, Map<String, NormRange> ranges, Map<String, Double> weights, Map<String, Object> info) {

    public Preset {
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /** The built-in ranges: overrides nothing. */
    public static Preset defaults() {
        return new Preset("default", Map.of(), Map.of(), Map.of());
    }

    public boolean isDefault() {
        return ranges.isEmpty() && weights.isEmpty();
    }
}
