package dev.lvsa.vqeval.api;

/**
 * Maps a raw metric to a goodness in [0, 1]: {@code good} maps to 1, {@code bad} to 0, linear between,
 * clamped outside. {@code good} may be above or below {@code bad}; that fixes the metric's direction.
 */
public record NormRange(double good, double bad) {

    public NormRange {
        if (!Double.isFinite(good) || !Double.isFinite(bad)) {
            throw new IllegalArgumentException(
                    "normalisation range needs finite numbers, got good=" + good + " bad=" + bad);
        }
        if (good == bad) {
            throw new IllegalArgumentException("normalisation range needs good != bad, got " + good);
        }
    }

    /** 1 at {@code good}, 0 at {@code bad}; NaN in gives NaN out. */
    public double goodness(double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        double t = (value - bad) / (good - bad);
        return Math.max(0.0, Math.min(1.0, t));
    }

    /** {@code 1 - goodness}. */
    public double badness(double value) {
        return 1.0 - goodness(value);
    }

    /** True when larger raw values are better. */
    public boolean higherIsBetter() {
        return good > bad;
    }
}
