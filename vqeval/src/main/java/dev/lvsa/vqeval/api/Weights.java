package dev.lvsa.vqeval.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Composite weights per dimension. Parsed from {@code name=value,...}; names must be known dimensions,
 * values finite and non-negative, and at least one positive. Dimensions not named keep their default.
 * The composite divides by the sum of weights, so weights need not add up to 1.
 */
public final class Weights {

    private final Map<String, Double> values;

    private Weights(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Only overrides; defaults come from the dimensions. */
    public static Weights none() {
        return new Weights(Map.of());
    }

    public static Weights of(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            check(e.getKey(), e.getValue());
        }
        return new Weights(values);
    }

    /**
     * Parses {@code loop_quality=0.4,temporal_dynamics=0.2}.
     *
     * @param known the dimension names that exist
     * @throws IllegalArgumentException with a one-line message naming the bad entry
     */
    public static Weights parse(String text, Set<String> known) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("weights are empty; expected name=value,... with names " + known);
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("weight '" + p + "' is not name=value");
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String num = p.substring(eq + 1).trim();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown dimension '" + name + "' in weights (known: " + String.join(", ", known) + ")");
            }
            double v;
            try {
                v = Double.parseDouble(num);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight of " + name + " is not a number: '" + num + "'");
            }
            check(name, v);
            if (out.put(name, v) != null) {
                throw new IllegalArgumentException("weight of " + name + " given twice");
            }
        }
        return new Weights(out);
    }

    private static void check(String name, Double v) {
        if (v == null || !Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("weight of " + name + " must be a finite number >= 0, got " + v);
        }
    }

    /** Overrides only. */
    public Map<String, Double> overrides() {
        return values;
    }

    /** This weight set laid over {@code base} (this wins). */
    public Weights over(Weights base) {
        Map<String, Double> merged = new LinkedHashMap<>(base.values);
        merged.putAll(values);
        return new Weights(merged);
    }

    /** Effective weight of a dimension. */
    public double weightOf(Dimension d) {
        return values.getOrDefault(d.name(), d.defaultWeight());
    }
}
